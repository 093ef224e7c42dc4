// Migration 0540: entry_files' rows (an entry's submission and handover files) move into the one
// attachments table, subject and order kept; attachFiles then continues the order per subject.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { createEmptyDatabase } from "../../test/helpers/db.ts";
import { inTransaction } from "../core/transaction.ts";
import { connect } from "../db/database.ts";
import { listMigrations, migrate } from "../db/migrate.ts";
import { attachFiles, findAttachment, listAttachedFiles } from "./attach.ts";
import type { StoredFile } from "./stored-file.ts";

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let url: string;
let before0540: string;
before(async () => {
  empty = await createEmptyDatabase();
  url = empty.url;
  // The migrations as they were before this one.
  before0540 = await fs.mkdtemp(path.join(os.tmpdir(), "lj-migrations-"));
  const dir = path.join(import.meta.dirname, "../db/migrations");
  for (const name of await listMigrations()) {
    if (name < "0540") await fs.copyFile(path.join(dir, name), path.join(before0540, name));
  }
});
after(async () => {
  await empty.drop();
  await fs.rm(before0540, { recursive: true, force: true });
});

const sha = (n: number) => String(n).repeat(64).slice(0, 64);

test("migration 0540 moves entry_files into attachments (subject and order kept); attachFiles appends", async () => {
  await migrate(url, { dir: before0540 });
  const q = (text: string, values: unknown[] = []) => empty.pool.query(text, values);
  const [buyer, provider] = [randomUUID(), randomUUID()];
  for (const [id, email] of [
    [buyer, "b@example.com"],
    [provider, "p@example.com"],
  ]) {
    await q("INSERT INTO accounts (id, email, password_hash, display_name) VALUES ($1, $2, 'x', 'n')", [
      id,
      email,
    ]);
  }
  const task = randomUUID();
  await q(
    `INSERT INTO tasks (id, mode, status, buyer_id, title, brief, funded_minor, deadline_at, fee_bps)
     VALUES ($1, 'contest', 'awarded', $2, 't', 'b', 100, now(), 1000)`,
    [task, buyer],
  );
  const entry = randomUUID();
  await q("INSERT INTO entries (id, task_id, provider_id, status) VALUES ($1, $2, $3, 'handed_over')", [
    entry,
    task,
    provider,
  ]);
  const files = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of files.entries()) {
    await q(
      `INSERT INTO files (id, sha256, byte_size, media_type, original_name, uploader_id)
       VALUES ($1, $2, 10, 'application/pdf', 'f.pdf', $3)`,
      [id, sha(i + 1), provider],
    );
  }
  // Two submitted files (given in the order 1, 0) and one handed over.
  await q(
    `INSERT INTO entry_files (entry_id, file_id, purpose, position) VALUES
       ($1, $2, 'submission', 1), ($1, $3, 'submission', 0), ($1, $4, 'handover', 0)`,
    [entry, files[0], files[1], files[2]],
  );

  assert.deepEqual(
    await migrate(url),
    (await listMigrations()).filter((n) => n >= "0540"),
  );
  const { db, close } = connect(url, { max: 2 });
  try {
    const listed = await listAttachedFiles(db, ["entry", "handover"], [entry]);
    assert.deepEqual(
      listed.map((f) => [f.subjectType, f.id]),
      [
        ["entry", files[1]],
        ["entry", files[0]],
        ["handover", files[2]],
      ],
    );
    assert.deepEqual(await findAttachment(db, files[2] as string), { type: "handover", id: entry });
    const { rows } = await empty.pool.query("SELECT to_regclass('entry_files') AS t");
    assert.equal(rows[0].t, null, "entry_files is gone");

    // A later file goes after the ones the subject has.
    const more: StoredFile = {
      id: randomUUID(),
      sha256: sha(9),
      byteSize: 10,
      mediaType: "application/pdf",
      originalName: "more.pdf",
      width: null,
      height: null,
      thumbnail: null,
      preview: null,
      fingerprint: null,
    };
    await inTransaction(db, (tx) =>
      attachFiles(tx, provider as string, { type: "entry", id: entry }, [more]),
    );
    const after = await db
      .selectFrom("attachments")
      .select("position")
      .where("file_id", "=", more.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.position, 2);
  } finally {
    await close();
  }
});
