// One pooled connection to PostgreSQL, wrapped in Kysely for typed queries.
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema.ts";

// bigint columns (money in fen, counts) arrive as strings by default; every amount we store fits
// in 2^53 (API.md caps amounts at 10^12 fen), so they are read as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// `date` columns stay 'YYYY-MM-DD' strings: turning them into Date would shift them by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the pool or an open transaction: reads accept both. */
export type Queryable = Kysely<DB>;

export function connect(url: string, options: { max?: number; applicationName?: string } = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "liangjiang",
    idleTimeoutMillis: 30_000,
  });
  // A client that loses its server (restart, network) must not crash the process: idle ones report
  // on the pool; one checked out (in a transaction) emits on itself, and its query fails anyway.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/** Replace the database name in a server URL. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
