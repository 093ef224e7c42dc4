// The whole app as server/main.ts runs it (embedded PostgreSQL in DATA_DIR, migrations, demo data,
// workers, the web shell) but serving the web build in WEB_DIR: the web benchmark serves its own
// copy of web/dist, so a rebuild during the run changes nothing. Not a benchmark itself.
import { buildApp, jobDefinitions } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { systemClock } from "../server/core/clock.ts";
import { migrate } from "../server/db/migrate.ts";
import { openDatabase } from "../server/db/open.ts";
import { seedDemo } from "../server/features/demo/seed.ts";
import { startJobs } from "../server/jobs/jobs.ts";
import { buildPorts } from "../server/ports.ts";

const webDir = process.env.WEB_DIR;
if (!webDir) throw new Error("WEB_DIR is required");
const config = loadConfig();
const database = await openDatabase(config, { adopt: true });
await migrate(database.url);
const jobs = await startJobs(database.url, (m, e) => console.error(`[jobs] ${m}`, e));
const deps = { config, db: database.db, jobs, clock: systemClock, ...buildPorts(config) };
await seedDemo(database.db, deps);
const app = await buildApp({ ...deps, webDir });
await jobs.work(jobDefinitions(deps));
await app.listen({ port: config.port, host: config.host });
const stop = async () => {
  await app.close();
  await jobs.stop();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
