// Process entry: configuration → database (+ migrations, demo data) → HTTP → workers.
// SIGTERM/SIGINT stop it gracefully within 10 s: stop accepting, finish in-flight requests,
// stop the workers, close the pool, stop the embedded database if this process started it.
import { buildApp, WEB_DIST } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { seedDemo } from "./features/demo/seed.ts";
import { startJobs } from "./jobs/jobs.ts";
import { jobDefinitions } from "./jobs/registry.ts";

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main() {
  const config = loadConfig();
  const say = (m: string) => console.log(`[liangjiang] ${m}`);
  say(
    config.databaseUrl
      ? "using the PostgreSQL server in DATABASE_URL"
      : `starting the embedded PostgreSQL in ${config.dataDir}`,
  );
  const database = await openDatabase(config, {
    adopt: true,
    log: config.logLevel === "debug" ? (m) => console.log(`[postgres] ${m}`) : undefined,
  });
  for (const name of await migrate(database.url)) say(`applied migration ${name}`);
  const jobs = await startJobs(database.url, (m, e) => console.error(`[jobs] ${m}`, e));

  const seed = config.seedDemo ? await seedDemo(database.db, { config, jobs }) : undefined;
  const app = await buildApp({ config, db: database.db, jobs, webDir: WEB_DIST });
  // Workers first: once /readyz answers, the process is fully up (and a SIGTERM finds its handler).
  await jobs.work(jobDefinitions({ config, db: database.db, jobs }));
  await app.listen({ port: config.port, host: config.host });

  say(`Liangjiang is running at ${config.publicUrl}  (API docs: ${config.publicUrl}/docs)`);
  if (seed?.seeded) say("demo data seeded");
  for (const login of seed?.logins ?? []) say(`demo ${login.role}: ${login.email} / ${login.password}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      console.error("[liangjiang] shutdown took longer than 10 s; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await app.close(); // stops accepting and waits for in-flight requests
    await jobs.stop();
    await database.close();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("[liangjiang] failed to start:", error instanceof Error ? error.message : error);
    if (!(error instanceof Error) || process.env.LOG_LEVEL === "debug") console.error(error);
  }
  process.exit(1);
});
