// Process entry: configuration → database (+ migrations, demo data) → workers → HTTP.
// SIGTERM/SIGINT stop it gracefully within 10 s: stop accepting, finish in-flight requests,
// stop the workers, close the pool, stop the embedded database if this process started it.
// The handlers are installed first, so a signal during start-up waits for start-up to finish
// and then tears down whatever was started.
import { buildApp, eventConsumers, jobDefinitions, WEB_DIST } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { systemClock } from "./core/clock.ts";
import type { Deps } from "./core/deps.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { seedDemo } from "./features/demo/seed.ts";
import { startEventConsumers } from "./jobs/event-consumers.ts";
import { startJobs } from "./jobs/jobs.ts";
import { assertSandboxAllowed } from "./payments/providers.ts";
import { buildPorts } from "./ports.ts";
import { startRealtimeHub } from "./realtime/realtime.ts";

const SHUTDOWN_TIMEOUT_MS = 10_000;
const say = (m: string) => console.log(`[liangjiang] ${m}`);

/** What has been started, in order; shutdown stops it in reverse. */
const stoppers: { name: string; stop(): Promise<void> }[] = [];

async function start() {
  const config = loadConfig();
  // Before anything starts: the sandbox payment provider can mint money (ALLOW_SANDBOX_PAYMENTS).
  assertSandboxAllowed(config);
  say(
    config.databaseUrl
      ? "using the PostgreSQL server in DATABASE_URL"
      : `starting the embedded PostgreSQL in ${config.dataDir}`,
  );
  const database = await openDatabase(config, {
    adopt: true,
    log: config.logLevel === "debug" ? (m) => console.log(`[postgres] ${m}`) : undefined,
  });
  stoppers.push({ name: "database", stop: database.close });
  for (const name of await migrate(database.url)) say(`applied migration ${name}`);
  const jobs = await startJobs(database.url, (m, e) => console.error(`[jobs] ${m}`, e));
  stoppers.push({ name: "workers", stop: jobs.stop });

  // The ports, built once: every route, use case and job gets these.
  const deps: Deps = { config, db: database.db, jobs, clock: systemClock, ...buildPorts(config) };
  const seed = config.seedDemo ? await seedDemo(database.db, deps) : undefined;
  // This process's sockets (GET /api/v1/stream) get frames from every process through LISTEN/NOTIFY.
  const realtime = await startRealtimeHub({
    connectionString: database.url,
    log: (m, e) => console.error(`[realtime] ${m}`, e),
  });
  stoppers.push({ name: "realtime", stop: realtime.stop });
  const app = await buildApp({ ...deps, webDir: WEB_DIST, realtime });
  // close() stops accepting and waits for in-flight requests.
  stoppers.push({ name: "http", stop: () => app.close() });
  // Workers before listening: once /readyz answers, the process is fully up.
  await jobs.work(jobDefinitions(deps));
  const events = await startEventConsumers(database.db, eventConsumers(deps), {
    connectionString: database.url,
    log: (m, e) => console.error(`[events] ${m}`, e),
  });
  stoppers.push({ name: "event consumers", stop: events.stop });
  await app.listen({ port: config.port, host: config.host });

  say(`Liangjiang is running at ${config.publicUrl}  (API docs: ${config.publicUrl}/docs)`);
  if (seed?.seeded) say("demo data seeded");
  for (const login of seed?.logins ?? []) say(`demo ${login.role}: ${login.email} / ${login.password}`);
}

let stopping = false;
async function shutdown(signal: string, started: Promise<unknown>) {
  if (stopping) return;
  stopping = true;
  say(`${signal} received, shutting down`);
  setTimeout(() => {
    console.error("[liangjiang] shutdown took longer than 10 s; exiting");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await started.catch(() => {});
  let failed = false;
  for (const part of [...stoppers].reverse()) {
    try {
      await part.stop();
    } catch (error) {
      failed = true;
      console.error(`[liangjiang] stopping the ${part.name} failed:`, error);
    }
  }
  say("stopped");
  process.exit(failed ? 1 : 0);
}

const started = start();
process.on("SIGTERM", () => void shutdown("SIGTERM", started));
process.on("SIGINT", () => void shutdown("SIGINT", started));
started.catch(async (error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("[liangjiang] failed to start:", error instanceof Error ? error.message : error);
    if (!(error instanceof Error) || process.env.LOG_LEVEL === "debug") console.error(error);
  }
  // Stop what did start (e.g. the embedded database) so nothing is left running.
  for (const part of [...stoppers].reverse()) await part.stop().catch(() => {});
  process.exit(1);
});
