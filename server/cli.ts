// `npm run cli -- <command>`: operations on the same database the server uses (DATABASE_URL, or
// the embedded server under DATA_DIR — attached to while the app runs, started briefly if not).

import { ConfigError, loadConfig } from "./config.ts";
import { systemClock } from "./core/clock.ts";
import { inTransaction } from "./core/transaction.ts";
import type { Database } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { grantOperatorRole, revokeOperatorRole } from "./features/accounts/grant-operator-role.ts";
import { seedDemo } from "./features/demo/seed.ts";
import { startJobs } from "./jobs/jobs.ts";
import { buildPorts } from "./ports.ts";

type Command = Readonly<{
  usage: string;
  help: string;
  run(db: Database, url: string, args: string[]): Promise<string>;
}>;

const commands: Record<string, Command> = {
  migrate: {
    usage: "migrate",
    help: "apply pending database migrations",
    async run(_db, url) {
      const applied = await migrate(url);
      return applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date";
    },
  },
  seed: {
    usage: "seed",
    help: "add demo data to an empty database",
    async run(db, url) {
      await migrate(url);
      // Demo contests start their timers: the job queue must be there to take them.
      const jobs = await startJobs(url, (m, e) => console.error(`[jobs] ${m}`, e));
      const config = loadConfig();
      const result = await seedDemo(db, { config, jobs, clock: systemClock, ...buildPorts(config) }).finally(
        () => jobs.stop(),
      );
      const logins = result.logins.map((l) => `\n  demo ${l.role}: ${l.email} / ${l.password}`).join("");
      return result.seeded ? `demo data seeded${logins}` : "the database already has data; nothing seeded";
    },
  },
  operator: {
    usage: "operator grant|revoke <email>",
    help: "give an account the operator role (or take it away); audit-logged",
    async run(db, url, args) {
      const [action, email] = args;
      if ((action !== "grant" && action !== "revoke") || !email || args.length !== 2) {
        throw new Error("usage: npm run cli -- operator grant|revoke <email>");
      }
      await migrate(url);
      const change = action === "grant" ? grantOperatorRole : revokeOperatorRole;
      const result = await inTransaction(db, (tx) => change(tx, { email, by: "cli" }));
      const verb = action === "grant" ? "is now an operator" : "is no longer an operator";
      return result.changed
        ? `${result.email} ${verb}`
        : `${result.email} already ${action === "grant" ? "was an operator" : "was not an operator"}; nothing changed`;
    },
  },
};

function usage(): string {
  const lines = Object.values(commands).map((c) => `  npm run cli -- ${c.usage.padEnd(28)} ${c.help}`);
  return `Usage:\n${lines.join("\n")}`;
}

async function main(argv: string[]) {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name && name !== "help" ? `Unknown command "${name}".\n${usage()}` : usage());
    return name && name !== "help" ? 2 : 0;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    console.log(await command.run(database.db, database.url, args));
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `error: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  },
);
