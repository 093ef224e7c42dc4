// The API alone (no web shell, no demo seed) as its own process, for the ledger benchmark and the
// crash test: configuration from the environment like server/main.ts, DATABASE_URL required.
// Not a benchmark itself (bench/run.ts skips it).
import { buildApp, jobDefinitions } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { systemClock } from "../server/core/clock.ts";
import { connect } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { startJobs } from "../server/jobs/jobs.ts";
import { buildPorts } from "../server/ports.ts";

const config = loadConfig();
if (!config.databaseUrl) throw new Error("DATABASE_URL is required");
await migrate(config.databaseUrl);
const { db, close } = connect(config.databaseUrl, { max: Number(process.env.LJ_POOL_MAX ?? 20) });
const jobs = await startJobs(config.databaseUrl, (m, e) => console.error(`[jobs] ${m}`, e));
const deps = { config, db, jobs, clock: systemClock, ...buildPorts(config) };
const app = await buildApp(deps);
await app.listen({ port: config.port, host: config.host });
await jobs.work(jobDefinitions(deps));
console.log(`[api-server] listening on ${config.port}`);
const stop = async () => {
  await app.close();
  await jobs.stop();
  await close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
