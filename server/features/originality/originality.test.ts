// The originality guard: measured rates on a small generated set (the full measurement is
// bench/originality.ts, docs/ORIGINALITY.md), and the platform-wide near-duplicate query against
// real PostgreSQL.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase } from "../../../test/helpers/db.ts";
import {
  evaluate,
  hashDesignSet,
  makeVariant,
  ratesAt,
  renderDesign,
} from "../../../test/helpers/designs.ts";
import { saveFiles } from "../../files/files.queries.ts";
import {
  fingerprintDistance,
  fingerprintImage,
  fromBits,
  hammingDistance,
  toBits,
} from "../../files/fingerprint.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import {
  findNearDuplicates,
  findNearDuplicatesOfFile,
  isNearDuplicate,
  MATCH_THRESHOLD,
} from "./originality.queries.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.drop());

test("hit rate ≥ 95 % and false pairs ≤ 1 % on 40 generated designs × 7 edits (a seed the threshold was not tuned on)", async (t) => {
  const set = await hashDesignSet(40, (image) => fingerprintImage(image), { seed: 5000 });
  const m = evaluate(set, (a, b) => (isNearDuplicate(a, b) ? fingerprintDistance(a, b) : 64));
  const r = ratesAt(m, MATCH_THRESHOLD);
  t.diagnostic(
    `hit ${(r.hitRate * 100).toFixed(1)}%, false pairs ${(r.falsePairRate * 100).toFixed(2)}%, by kind ${JSON.stringify(r.byKind)}`,
  );
  assert.ok(r.hitRate >= 0.95, `hit rate ${r.hitRate}`);
  assert.ok(r.falsePairRate <= 0.01, `false pair rate ${r.falsePairRate}`);
  // Every kind of edit is caught most of the time, none is a blind spot.
  for (const [kind, rate] of Object.entries(r.byKind)) assert.ok(rate >= 0.8, `${kind}: ${rate}`);
});

test("hash helpers: bit(64) round trip (high bit too), Hamming distance", () => {
  for (const h of [0n, 1n, (1n << 63n) | 5n, (1n << 64n) - 1n, 0x0123456789abcdefn]) {
    assert.equal(toBits(h).length, 64);
    assert.equal(fromBits(toBits(h)), h);
  }
  assert.equal(hammingDistance(0n, (1n << 64n) - 1n), 64);
  assert.equal(hammingDistance(0b1011n, 0b0001n), 2);
});

let clock = Date.parse("2026-01-01T00:00:00Z");
/** Store an image's fingerprint as uploaded by `uploader`, one minute after the previous one. */
async function upload(image: Buffer, uploader: string) {
  const fingerprint = await fingerprintImage(image);
  const file: StoredFile = {
    id: crypto.randomUUID(),
    sha256: crypto.randomUUID().replaceAll("-", "").padEnd(64, "0"),
    byteSize: image.length,
    mediaType: "image/png",
    originalName: "entry.png",
    width: 1,
    height: 1,
    thumbnail: null,
    preview: null,
    fingerprint,
  };
  await database.db.transaction().execute((tx) => saveFiles(tx, uploader, [file]));
  clock += 60_000;
  const at = new Date(clock);
  await database.db.updateTable("files").set({ created_at: at }).where("id", "=", file.id).execute();
  await database.db
    .updateTable("image_fingerprints")
    .set({ created_at: at })
    .where("file_id", "=", file.id)
    .execute();
  return { id: file.id, fingerprint, at };
}

test("findNearDuplicates: an edited copy by another provider is found with the earlier upload's time as evidence", async () => {
  const original = await renderDesign(7001);
  const a = await upload(original, "provider-a");
  const other = await upload(await renderDesign(7002), "provider-c");
  const copy = await upload(await makeVariant(original, "watermark", 7001), "provider-b");
  const ownReuse = await upload(await makeVariant(original, "resize", 7001), "provider-a");

  const found = await findNearDuplicates(database.db, copy.fingerprint, {
    before: copy.at,
    excludeProviderId: "provider-b",
  });
  assert.deepEqual(
    found.map((f) => f.fileId),
    [a.id],
    "the original only: not the unrelated design, not the later upload",
  );
  const [match] = found;
  assert.ok(match);
  assert.equal(match.uploaderId, "provider-a");
  assert.equal(match.submittedAt.getTime(), a.at.getTime());
  assert.equal(
    match.distance,
    fingerprintDistance(a.fingerprint, copy.fingerprint),
    "SQL and JS agree on distance",
  );
  assert.ok(match.distance <= MATCH_THRESHOLD);
  assert.ok(match.similarity !== null && match.similarity >= 0.8);

  // A provider re-using their own earlier work is not flagged against it (only against others').
  const ofReuse = await findNearDuplicatesOfFile(database.db, ownReuse.id);
  assert.ok(ofReuse);
  assert.ok(!ofReuse.some((m) => m.fileId === a.id || m.uploaderId === "provider-a"));
  assert.ok(
    ofReuse.some((m) => m.fileId === copy.id),
    "the other provider's earlier copy is evidence",
  );
  // ...and an earlier original is never flagged against later copies.
  assert.deepEqual(await findNearDuplicatesOfFile(database.db, a.id), []);
  assert.deepEqual(await findNearDuplicatesOfFile(database.db, other.id), []);
  // Images without a fingerprint (not images) have no originality result.
  assert.equal(await findNearDuplicatesOfFile(database.db, crypto.randomUUID()), null);
});
