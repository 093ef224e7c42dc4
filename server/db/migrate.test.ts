import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { createEmptyDatabase } from "../../test/helpers/db.ts";
import { listMigrations, migrate } from "./migrate.ts";

// A database without any migration, to watch them being applied.
const empty = await createEmptyDatabase();
after(() => empty.drop());
const { url } = empty;

test("five processes migrating at once apply each migration exactly once", async () => {
  const runs = await Promise.all(Array.from({ length: 5 }, () => migrate(url)));
  const all = runs.flat();
  assert.deepEqual(
    all.sort(),
    (await listMigrations()).sort(),
    "every migration applied by exactly one runner",
  );
  const { rows } = await empty.pool.query("SELECT count(*)::int AS n FROM categories");
  assert.ok(rows[0].n > 20, "the category seed ran once (a second run would violate the primary key)");
});

test("running again applies nothing", async () => {
  assert.deepEqual(await migrate(url), []);
});

test("a failing migration leaves nothing half-written and stops the run", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-migrations-"));
  try {
    await fs.writeFile(path.join(dir, "9001_good.sql"), "CREATE TABLE good_one (id int);");
    await fs.writeFile(
      path.join(dir, "9002_broken.sql"),
      "CREATE TABLE half_written (id int); INSERT INTO nope VALUES (1);",
    );
    await fs.writeFile(path.join(dir, "9003_later.sql"), "CREATE TABLE later_one (id int);");
    await assert.rejects(migrate(url, { dir }), /9002_broken\.sql failed/);
    const tables = await empty.pool.query(
      "SELECT tablename FROM pg_tables WHERE tablename IN ('good_one', 'half_written', 'later_one') ORDER BY 1",
    );
    assert.deepEqual(
      tables.rows.map((r) => r.tablename),
      ["good_one"],
    );
    const applied = await empty.pool.query("SELECT name FROM schema_migrations WHERE name LIKE '9%'");
    assert.deepEqual(
      applied.rows.map((r) => r.name),
      ["9001_good.sql"],
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
