// The API alone (no web shell, no demo seed) as its own process, for the ledger benchmark and the
// crash test: configuration from the environment like server/main.ts, DATABASE_URL required.
// Not a benchmark itself (bench/run.ts skips it). LJ_REALTIME=1 also runs what main.ts runs for
// realtime: the event consumers (notifications publish the socket frames) and the LISTEN hub that
// serves GET /api/v1/stream (bench/messages.ts, socket delivery).
import { buildApp, eventConsumers, jobDefinitions } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { systemClock } from "../server/core/clock.ts";
import { connect } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { startEventConsumers } from "../server/jobs/event-consumers.ts";
import { startJobs } from "../server/jobs/jobs.ts";
import { buildPorts } from "../server/ports.ts";
import { startRealtimeHub } from "../server/realtime/realtime.ts";

const config = loadConfig();
if (!config.databaseUrl) throw new Error("DATABASE_URL is required");
await migrate(config.databaseUrl);
const { db, close } = connect(config.databaseUrl, { max: Number(process.env.LJ_POOL_MAX ?? 20) });
const jobs = await startJobs(config.databaseUrl, (m, e) => console.error(`[jobs] ${m}`, e));
const deps = { config, db, jobs, clock: systemClock, ...buildPorts(config) };
const realtimeOn = process.env.LJ_REALTIME === "1";
const log = (m: string, e?: unknown) => console.error(`[realtime] ${m}`, e);
const realtime = realtimeOn
  ? await startRealtimeHub({ connectionString: config.databaseUrl, log })
  : undefined;
const app = await buildApp({ ...deps, realtime });
await app.listen({ port: config.port, host: config.host });
await jobs.work(jobDefinitions(deps));
const events = realtimeOn
  ? await startEventConsumers(db, eventConsumers(deps), { connectionString: config.databaseUrl, log })
  : undefined;
console.log(`[api-server] listening on ${config.port}`);
const stop = async () => {
  await events?.stop();
  await app.close();
  await realtime?.stop();
  await jobs.stop();
  await close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
