// `npm test`: every node:test suite against real PostgreSQL.
//   - DATABASE_URL set → that server; unset → an embedded PostgreSQL under .test-data/.
//   - One migrated template database per run; each test file clones its own from it.
//   - E2E (Chromium) runs when a browser is found (CHROMIUM_PATH or `chromium` on PATH). Without
//     one it is skipped with a clear message — except under CI (CI=true), where that fails the run.
// Extra arguments are passed to `node --test` (e.g. `npm test -- --test-name-pattern=ledger`).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { globSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { withDatabase } from "../server/db/database.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";
import { ensureWebBuild } from "./start.ts";

const root = path.join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const fileArgs = args.filter((a) => !a.startsWith("-"));
const flagArgs = args.filter((a) => a.startsWith("-"));

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
    } catch {}
  }
  return undefined;
}

// Each run gets its own embedded server, so that runs in parallel (several terminals, helpers)
// never stop each other's database. Folders left by runs that died are cleaned up first.
async function cleanStaleRuns(base: string) {
  for (const name of await fs.readdir(base).catch(() => [] as string[])) {
    const pid = Number(name.replace(/^run-/, ""));
    if (!name.startsWith("run-") || isAlive(pid)) continue;
    const dir = path.join(base, name);
    const orphan = await startEmbeddedPostgres(dir, { adopt: true }).catch(() => undefined);
    await orphan?.stop().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  }
}
function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const testDataDir = path.join(root, ".test-data");
const runDir = path.join(testDataDir, `run-${process.pid}`);
let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  await cleanStaleRuns(testDataDir);
  embedded = await startEmbeddedPostgres(runDir, { adopt: true });
}
const serverUrl = process.env.DATABASE_URL ?? embedded?.serverUrl ?? "";
const template = `lj_template_${randomBytes(4).toString("hex")}`;
console.log(
  `# database: ${embedded ? "embedded PostgreSQL (.test-data/)" : "DATABASE_URL"}; template ${template}`,
);

const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
await admin.connect();
const { rows } = await admin.query("SHOW server_version");
console.log(`# PostgreSQL ${rows[0].server_version}`);
await admin.query(`CREATE DATABASE ${template}`);
const templateUrl = withDatabase(serverUrl, template);
await migrate(templateUrl);
// pg-boss installs its schema on first start: do it once here rather than in every test database.
const boss = new PgBoss({
  connectionString: templateUrl,
  schema: "pgboss",
  supervise: false,
  schedule: false,
});
await boss.start();
await boss.stop({ graceful: false });

const chromium = findChromium();
const patterns =
  fileArgs.length > 0 ? fileArgs : ["server/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"];
let files = patterns.flatMap((p) => globSync(p, { cwd: root }));
const isE2e = (f: string) => f.startsWith(`test${path.sep}e2e${path.sep}`);
if (chromium) {
  // The browser tests (and the app-shell test) need the built web app.
  if (files.some(isE2e) || fileArgs.length === 0) ensureWebBuild();
} else if (process.env.CI === "true") {
  console.error(
    "# E2E needs Chromium and none was found (set CHROMIUM_PATH or install chromium); CI requires E2E.",
  );
  process.exit(1);
} else {
  console.log(
    "# E2E SKIPPED: no Chromium found. Install Debian's `chromium` or set CHROMIUM_PATH to run the browser tests.",
  );
  files = files.filter((f) => !isE2e(f));
}

const child = spawn(
  process.execPath,
  ["--test", "--test-concurrency=3", "--test-timeout=300000", ...flagArgs, ...files],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "test",
      LJ_TEST_SERVER_URL: serverUrl,
      LJ_TEST_TEMPLATE: template,
      CHROMIUM_PATH: chromium ?? "",
    },
  },
);
const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));

// Drop what this run made: the per-file databases cloned from the template, then the template.
const made = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${template}%`]);
for (const { datname } of made.rows) {
  await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
}
await admin.end();
if (embedded) {
  await embedded.stop();
  await fs.rm(runDir, { recursive: true, force: true });
}
process.exit(code);
