// Forward-only migrations: numbered plain .sql files in ./migrations, applied in name order, each
// in its own transaction. A session-level advisory lock makes processes that start together
// migrate once: the others wait, then find nothing left to do.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
// An arbitrary constant that names "the migration lock" among advisory locks.
const LOCK_KEY = 7_284_001;

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

export async function migrate(url: string, options: { dir?: string } = {}): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const client = new pg.Client({ connectionString: url, application_name: "liangjiang-migrate" });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await client.query("SELECT name FROM schema_migrations")).rows.map((r) => r.name));
    for (const name of await listMigrations(dir)) {
      if (done.has(name)) continue;
      const sql = await fs.readFile(path.join(dir, name), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

/** Names of migrations on disk that the database has not applied (empty = up to date). */
export async function pendingMigrations(query: (sql: string) => Promise<{ rows: { name: string }[] }>) {
  const onDisk = await listMigrations();
  const { rows } = await query("SELECT name FROM schema_migrations");
  const done = new Set(rows.map((r) => r.name));
  return onDisk.filter((n) => !done.has(n));
}
