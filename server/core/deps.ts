// What every use case, route and job may be given, built once in main.ts (tests build their own
// in test/helpers/app.ts): configuration, the database, the job queue and the clock. Features
// import this type, never app.ts.
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { Jobs } from "../jobs/jobs.ts";
import type { Clock } from "./clock.ts";

export type Deps = Readonly<{
  config: Config;
  db: Database;
  jobs: Jobs;
  clock: Clock;
}>;
