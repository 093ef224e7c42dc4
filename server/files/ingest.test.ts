// The upload pipeline without HTTP (files/ingest.ts): what the demo seed, and later messages and
// evidence, call with bytes in memory. The multipart side is in http/uploads.test.ts.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { AppError } from "../core/errors.ts";
import { ingestFile } from "./ingest.ts";
import { LocalFileStorage } from "./storage.ts";

let dir: string;
let storage: LocalFileStorage;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-ingest-"));
  storage = new LocalFileStorage(path.join(dir, "files"));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .png()
    .toBuffer();

const refusal = (code: string, status: number) => (error: unknown) =>
  error instanceof AppError && error.code === code && error.status === status;

test("an image in memory: stored by hash, thumbnail, watermarked preview and thumbnail, fingerprint", async () => {
  const bytes = await png(800, 500);
  const file = await ingestFile(storage, bytes, { name: "../标志.PNG" });
  assert.equal(file.mediaType, "image/png");
  assert.equal(file.originalName, "标志.png");
  assert.deepEqual([file.width, file.height, file.byteSize], [800, 500, bytes.length]);
  assert.deepEqual(await storage.get(file.sha256), bytes);
  assert.equal(file.thumbnail?.width, 400);
  assert.equal(file.preview?.width, 800, "never enlarged");
  assert.equal(file.markedThumbnail?.width, 400);
  assert.notEqual(file.markedThumbnail?.sha256, file.thumbnail?.sha256);
  assert.ok(file.fingerprint && file.fingerprint.signature.length === 256);
  for (const d of [file.thumbnail, file.preview, file.markedThumbnail]) {
    assert.equal(await storage.exists(d?.sha256 as string), true);
  }
});

test("a PDF: stored, no derivatives; refusals by content, bytes and pixels", async () => {
  const pdf = await ingestFile(storage, Buffer.from("%PDF-1.4\n%%EOF\n"), { name: "brief.pdf" });
  assert.equal(pdf.mediaType, "application/pdf");
  assert.equal(pdf.thumbnail, null);
  assert.equal(pdf.fingerprint, null);
  await assert.rejects(
    ingestFile(storage, Buffer.from("<html><script>alert(1)</script>"), { name: "x.png" }),
    refusal("unsupported_media_type", 415),
  );
  await assert.rejects(
    ingestFile(storage, Buffer.from("%PDF-1.4\n"), { accept: ["image/png"] }),
    refusal("unsupported_media_type", 415),
  );
  await assert.rejects(ingestFile(storage, Buffer.alloc(0)), refusal("invalid_input", 400));
  await assert.rejects(
    ingestFile(storage, await png(100, 100), { maxFileBytes: 10 }),
    refusal("payload_too_large", 413),
  );
  await assert.rejects(
    ingestFile(storage, await png(1000, 1000), { maxPixels: 999_999 }),
    refusal("invalid_input", 400),
  );
});
