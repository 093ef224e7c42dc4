// A fresh database for one test file, cloned from the run's migrated template (see scripts/test.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { connect, withDatabase } from "../../server/db/database.ts";

export function testServerUrl(): string {
  const url = process.env.LJ_TEST_SERVER_URL;
  if (!url || !process.env.LJ_TEST_TEMPLATE) {
    throw new Error("Run tests with `npm test` (it prepares PostgreSQL and the template database).");
  }
  return url;
}

export async function createTestDatabase() {
  const serverUrl = testServerUrl();
  const template = process.env.LJ_TEST_TEMPLATE as string;
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, async (admin) => {
    // CREATE DATABASE … TEMPLATE needs the template to have no other connections; files that start
    // together serialise on it, so retry while another file's clone is in progress.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  const url = withDatabase(serverUrl, name);
  const { db, pool, close } = connect(url, { max: 20 });
  return {
    url,
    db,
    pool,
    async drop() {
      await close();
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * A fresh database with nothing in it — no schema, no migration applied — to watch migrations run
 * (migrate.test, attach.test, contest-terms.test). Emptied on its own connection, before any pool
 * connection has read the schema.
 */
export async function createEmptyDatabase() {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(
      "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE",
    );
  } finally {
    await client.end();
  }
  return database;
}

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
