// Migration 0550 moves each contest's terms out of the shared tasks table (issue 13, "Task modes"):
// a database with contests posted before it keeps their promises, now in contest_terms.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { createEmptyDatabase } from "../../../test/helpers/db.ts";
import { listMigrations, migrate } from "../../db/migrate.ts";

const MIGRATIONS_DIR = path.join(import.meta.dirname, "..", "..", "db", "migrations");

const db = await createEmptyDatabase();
after(() => db.drop());
const { url } = db;

test("0550 moves guaranteed and fail_fee_bps of every contest into contest_terms and drops them from tasks", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-terms-"));
  try {
    const all = await listMigrations();
    const before = all.filter((name) => name < "0550");
    for (const name of before) await fs.copyFile(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
    await migrate(url, { dir });
    const buyer = "00000000-0000-4000-8000-000000000001";
    await db.pool.query(
      `INSERT INTO accounts (id, email, display_name, password_hash)
       VALUES ($1, 'terms@example.cn', 'Buyer', 'x')`,
      [buyer],
    );
    const insert = (id: string, guaranteed: boolean, failFeeBps: number) =>
      db.pool.query(
        `INSERT INTO tasks (id, mode, status, buyer_id, title, brief, funded_minor, deadline_at,
                            fee_bps, guaranteed, fail_fee_bps)
         VALUES ($1, 'contest', 'open', $2, 't', 'b', 100, now() + interval '1 day', 1000, $3, $4)`,
        [id, buyer, guaranteed, failFeeBps],
      );
    await insert("00000000-0000-4000-8000-00000000000a", true, 0);
    await insert("00000000-0000-4000-8000-00000000000b", false, 500);

    await fs.copyFile(
      path.join(MIGRATIONS_DIR, "0550_contest_terms.sql"),
      path.join(dir, "0550_contest_terms.sql"),
    );
    assert.deepEqual(await migrate(url, { dir }), ["0550_contest_terms.sql"]);
    const { rows } = await db.pool.query(
      "SELECT task_id, guaranteed, fail_fee_bps FROM contest_terms ORDER BY task_id",
    );
    assert.deepEqual(rows, [
      { task_id: "00000000-0000-4000-8000-00000000000a", guaranteed: true, fail_fee_bps: 0 },
      { task_id: "00000000-0000-4000-8000-00000000000b", guaranteed: false, fail_fee_bps: 500 },
    ]);
    const columns = await db.pool.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'tasks' AND column_name IN ('guaranteed', 'fail_fee_bps', 'quantity')`,
    );
    assert.deepEqual(columns.rows, [], "the terms left the shared table");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
