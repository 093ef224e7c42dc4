// What every use case, route and job may be given, built once in main.ts (tests build their own
// in test/helpers/app.ts): configuration, the database, the job queue, the clock, and the ports to
// the outside world — file storage and the payment providers (server/ports.ts buildPorts). Features
// import this type, never app.ts, and never construct a port themselves.
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { Providers } from "../payments/providers.ts";
import type { Clock } from "./clock.ts";
import type { FileStorage } from "./file-storage.ts";
import type { Jobs } from "./jobs.ts";

export type Ports = Readonly<{
  /** Uploaded files: content-addressed, private (0600 blobs, 0700 folders) — DATA_DIR/files. */
  files: FileStorage;
  /** The payment providers (top-ups) and the payout rail, from PAYMENTS_PROVIDER. */
  payments: Providers;
}>;

export type Deps = Readonly<
  {
    config: Config;
    db: Database;
    jobs: Jobs;
    clock: Clock;
  } & Ports
>;
