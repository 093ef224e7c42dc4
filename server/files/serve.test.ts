// The download policy hook (files/serve.ts fileForDownload): files/ knows no subject; the policy
// registered for the file's subject type decides 404 / watermarked only / original.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { type Actor, anonymous } from "../core/actor.ts";
import { AppError } from "../core/errors.ts";
import { inTransaction } from "../core/transaction.ts";
import { attachFiles } from "./attach.ts";
import { ingestFile } from "./ingest.ts";
import { type FileGrant, type FilePolicies, fileForDownload } from "./serve.ts";
import { LocalFileStorage } from "./storage.ts";
import type { StoredFile } from "./stored-file.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
let storage: LocalFileStorage;
before(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-serve-"));
  storage = new LocalFileStorage(path.join(dir, "files"));
});
after(async () => {
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const account = (accountId: string): Actor => ({ kind: "account", accountId, roles: [], sessionId: "s" });
const refusal = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

test("the subject's policy decides: none → 404, marked → watermarked thumbnail and no original, original → clean thumbnail", async () => {
  const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: "#2a6" } })
    .png()
    .toBuffer();
  const image: StoredFile = await ingestFile(storage, png, { name: "logo.png" });
  const subject = { type: "thing", id: randomUUID() };
  await inTransaction(database.db, (tx) => attachFiles(tx, "owner", subject, [image]));
  // The thing's owner has the original, "viewer" the watermarked variants, everyone else nothing.
  const grants: Record<string, FileGrant> = { owner: "original", viewer: "marked" };
  const policies: FilePolicies = {
    thing: async (_q, subjectId, actor) => {
      assert.equal(subjectId, subject.id);
      return (actor.kind === "account" && grants[actor.accountId]) || "none";
    },
  };
  const get = (actor: Actor, variant: "thumbnail" | "preview" | "original", extra = {}) =>
    fileForDownload(database.db, storage, policies, { fileId: image.id, variant, ...extra }, actor);

  await assert.rejects(get(anonymous, "preview"), refusal("not_found"));
  await assert.rejects(get(account("stranger"), "thumbnail"), refusal("not_found"));

  const viewerThumb = await get(account("viewer"), "thumbnail");
  assert.equal(viewerThumb.file.variant, "marked_thumbnail");
  assert.equal(viewerThumb.file.id, image.markedThumbnail?.id, "the one made at upload");
  assert.equal((await get(account("viewer"), "preview")).file.variant, "preview");
  await assert.rejects(get(account("viewer"), "original"), refusal("forbidden"));

  const ownerThumb = await get(account("owner"), "thumbnail");
  assert.equal(ownerThumb.file.variant, "thumbnail");
  const original = await get(account("owner"), "original");
  assert.deepEqual([original.file.id, original.download], [image.id, true]);

  // The older entry URL names the subject: another subject's id is 404.
  await assert.rejects(get(account("owner"), "original", { subjectId: randomUUID() }), refusal("not_found"));
  assert.equal((await get(account("owner"), "original", { subjectId: subject.id })).file.id, image.id);
  // No policy registered for the type: nobody gets anything.
  await assert.rejects(
    fileForDownload(database.db, storage, {}, { fileId: image.id, variant: "preview" }, account("owner")),
    refusal("not_found"),
  );
  // Not a file id, or a file attached to nothing: 404.
  for (const fileId of ["nope", randomUUID()]) {
    await assert.rejects(
      fileForDownload(database.db, storage, policies, { fileId, variant: "preview" }, account("owner")),
      refusal("not_found"),
    );
  }
});
