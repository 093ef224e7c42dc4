// Where the database comes from: DATABASE_URL, or the embedded server under DATA_DIR.
import type { Config } from "../config.ts";
import { connect, withDatabase } from "./database.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded.ts";

export const EMBEDDED_DATABASE_NAME = "liangjiang";

export async function openDatabase(
  config: Config,
  options: { adopt?: boolean; log?: (m: string) => void } = {},
) {
  let embedded: EmbeddedDatabase | undefined;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres(config.dataDir, options);
    await ensureDatabase(embedded.serverUrl, EMBEDDED_DATABASE_NAME);
    url = withDatabase(embedded.serverUrl, EMBEDDED_DATABASE_NAME);
  }
  const { db, pool, close } = connect(url);
  return {
    url,
    db,
    pool,
    embedded,
    async close() {
      await close();
      await embedded?.stop();
    },
  };
}

/** CREATE DATABASE if missing; a concurrent creator winning the race is fine. */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`).catch((error) => {
      // 42P04 duplicate_database, 23505 unique_violation: someone else created it just now.
      if (!["42P04", "23505"].includes(error.code)) throw error;
    });
  } finally {
    await client.end();
  }
}
