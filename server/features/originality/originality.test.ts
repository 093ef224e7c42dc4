// The originality guard: its measured rates on the held-out half of the generated evaluation set
// (platform-wide, per design; the full measurement with the tuning half is bench/originality.ts,
// docs/ORIGINALITY.md), the index lookup against a full comparison, and the platform-wide
// near-duplicate query against real PostgreSQL.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import sharp from "sharp";
import { createTestDatabase } from "../../../test/helpers/db.ts";
import { makeVariant, platformRates, renderDesign, simulatePlatform } from "../../../test/helpers/designs.ts";
import { saveFiles } from "../../files/files.queries.ts";
import {
  COLOUR_SIZE,
  type Fingerprint,
  fingerprintImage,
  fromBits,
  hammingDistance,
  toBits,
} from "../../files/fingerprint.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import {
  findCandidates,
  findNearDuplicates,
  findNearDuplicatesOfFile,
  isNearDuplicate,
  MATCH_THRESHOLD,
} from "./originality.queries.ts";
import { normaliseText } from "./text.ts";
import { candidateDistance, MAX_EDGES_MISSING, MAX_HUE_TURN_DEG, passes, verify } from "./verify.ts";

/**
 * The held-out half: seeds the thresholds were never tuned on (tuning: seeds 1, 301, 601 and 500001 —
 * the held-out seed until the fifth pass looked at its false flags; bench/originality.ts).
 */
const HELD_OUT_SEED = 700_001;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.drop());

// The floors asserted are issue 12's targets, on these 60 held-out designs: ≥ 95 % of copies caught
// (95.8 %), ≤ 1 % of distinct designs flagged — on 120 that allows one, and none is. The claim that
// the targets hold platform-wide rests on the bench's larger held-out run (300 designs,
// docs/ORIGINALITY.md); these floors guard against getting worse.
const CAUGHT_FLOOR = 0.95;
const DISTINCT_FLAGGED_CEILING = 0.01;

test(`held out: ≥ ${CAUGHT_FLOOR * 100} % of edited copies caught, ≤ ${DISTINCT_FLAGGED_CEILING * 100} % of distinct designs flagged on these 60 designs, platform-wide — 60 designs × 8 edits + 60 hard negatives, 40 providers, 12 contests`, async (t) => {
  const uploads = await simulatePlatform(60, (image) => fingerprintImage(image), { seed: HELD_OUT_SEED });
  const r = platformRates(uploads, isNearDuplicate);
  t.diagnostic(
    `copies caught ${(r.hitRate * 100).toFixed(1)}% of ${r.copies}, distinct designs flagged ${(r.falseDesignRate * 100).toFixed(1)}% of ${r.distinct}, by edit ${JSON.stringify(r.byKind)}`,
  );
  assert.ok(r.hitRate >= CAUGHT_FLOOR, `hit rate ${r.hitRate}`);
  assert.ok(r.falseDesignRate <= DISTINCT_FLAGGED_CEILING, `distinct designs flagged ${r.falseDesignRate}`);
  // Every kind of edit is caught most of the time, none is a blind spot.
  for (const [kind, rate] of Object.entries(r.byKind)) assert.ok(rate >= 0.8, `${kind}: ${rate}`);
});

test("colour layout: a hue-shifted copy (≤ 40°) passes; the same picture recoloured far beyond the edit (150°) is refused; without colour grids (rows before migration 0655) the grey rule decides as before", async () => {
  const original = await renderDesign(424_242);
  const turned = (hue: number) => sharp(original).modulate({ hue }).png().toBuffer();
  const [fo, near, far] = await Promise.all([
    fingerprintImage(original),
    turned(35).then((b) => fingerprintImage(b)),
    turned(150).then((b) => fingerprintImage(b)),
  ]);
  assert.equal(fo.colour.length, 2 * COLOUR_SIZE ** 2);
  assert.ok(isNearDuplicate(near, fo), "a 35° hue shift is a copy");
  const v = verify(far, fo, [false]);
  assert.ok(v?.hueTurn !== undefined && v.hueTurn > MAX_HUE_TURN_DEG, `turn ${v?.hueTurn}`);
  assert.equal(isNearDuplicate(far, fo), false, "a 150° recolouring is another design");
  const old = { ...fo, colour: new Uint8Array(), colourTrim: new Uint8Array() };
  assert.equal(verify(far, old, [false])?.hueTurn, undefined);
  assert.ok(isNearDuplicate(near, old));
});

test("edges: two badges of one template whose names differ ('Luellan', 'Solelxin') pass in grey and colour and are refused by their outlines; the watermarked and the turned copy pass; without edge maps (rows before migration 0656) the earlier checks decide", async () => {
  // Design 16 of the tuning half and its hard negative: a teal badge, a navy name, same size and place.
  const original = await renderDesign(17);
  const [fo, fn, fw, fr] = await Promise.all([
    fingerprintImage(original),
    renderDesign(17, 17 + 1_000_003).then((b) => fingerprintImage(b)),
    makeVariant(original, "watermark", 17).then((b) => fingerprintImage(b)),
    makeVariant(original, "rotate", 17).then((b) => fingerprintImage(b)),
  ]);
  assert.ok(fo.edges.length > 0 && fo.edges.length % 4 === 0 && fo.edgesTrim.length > 0);
  const other = verify(fn, fo, [false]);
  assert.ok(other && other.similarity >= 0.8, "the grey thumbnails cannot tell the names apart");
  assert.ok((other.edgesMissing ?? 0) > MAX_EDGES_MISSING, `edges missing ${other.edgesMissing}`);
  assert.equal(isNearDuplicate(fn, fo), false);
  for (const copy of [fw, fr]) {
    const v = verify(copy, fo, [false]);
    assert.ok(
      v?.edgesMissing !== undefined && v.edgesMissing <= MAX_EDGES_MISSING,
      `copy: ${v?.edgesMissing}`,
    );
    assert.ok(passes(v), "verified a copy (whether its hash makes it a candidate is another stage)");
  }
  const old = { ...fo, edges: new Uint8Array(), edgesTrim: new Uint8Array() };
  assert.equal(verify(fn, old, [false])?.edgesMissing, undefined);
  assert.ok(isNearDuplicate(fn, old), "before the edge maps this pair was (wrongly) a copy");
});

test("edges, too few: a disc beside a name ('Ellanka': ~100 strong edges in its trimmed box) passes in grey and colour against a badge ('Visol') and is no evidence by being found in it; a resized copy of the badge still is a copy", async () => {
  // Seed 500001's design 167 and the hard negative of its design 87 (a tuning seed since the fifth pass).
  const badge = await renderDesign(500_168);
  const [fb, fd, fc] = await Promise.all([
    fingerprintImage(badge),
    renderDesign(500_088, 500_088 + 1_000_003).then((b) => fingerprintImage(b)),
    makeVariant(badge, "resize", 500_168).then((b) => fingerprintImage(b)),
  ]);
  const v = verify(fb, fd, [false]);
  assert.ok(v && v.similarity >= 0.8 && v.hueTurn !== undefined, "grey and colour cannot tell them apart");
  assert.ok((v.edgesMissing ?? 0) > MAX_EDGES_MISSING, `edges missing ${v.edgesMissing}`);
  assert.equal(isNearDuplicate(fb, fd), false);
  assert.ok(isNearDuplicate(fc, fb), "the resized copy");
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
    candidateDistance(copy.fingerprint, a.fingerprint).distance,
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

test("findNearDuplicates: a mirrored copy is found (and says so); a hard negative from the same template is not", async () => {
  const original = await renderDesign(7101);
  const a = await upload(original, "provider-a");
  const flipped = await upload(await makeVariant(original, "mirror", 7101), "provider-b");
  const sibling = await upload(await renderDesign(7101, 7101 + 1_000_003), "provider-c");
  const [match, ...rest] = await findNearDuplicates(database.db, flipped.fingerprint, {
    before: flipped.at,
    excludeProviderId: "provider-b",
  });
  assert.equal(match?.fileId, a.id);
  assert.equal(match?.mirrored, true);
  assert.deepEqual(rest, []);
  assert.deepEqual(
    await findNearDuplicatesOfFile(database.db, sibling.id),
    [],
    "same template, other name and arrangement: a distinct design",
  );
});

/** A copy of `f` with `bits` of each stored pHash flipped (the first bits, then every 5th). */
function flipped(f: Fingerprint, bits: number): Fingerprint {
  let mask = 0n;
  for (let i = 0; i < bits; i++) mask |= 1n << BigInt((i * 5) % 64);
  return { ...f, phash: f.phash ^ mask, phashTrim: f.phashTrim ^ mask };
}

test("the chunk index offers every row within 11 bits and exactly the rows candidateDistance allows (distances 0–20, mirrored ones too)", async () => {
  const base = await fingerprintImage(await renderDesign(7201));
  const at = new Date("2025-01-01T00:00:00Z");
  const ids: { id: string; bits: number }[] = [];
  for (let bits = 0; bits <= 20; bits++) {
    const id = crypto.randomUUID();
    const f = flipped(base, bits);
    await database.db
      .insertInto("files")
      .values({
        id,
        sha256: id.replaceAll("-", "").padEnd(64, "0"),
        byte_size: 1,
        media_type: "image/png",
        original_name: "x.png",
        uploader_id: "index-test",
      })
      .execute();
    await database.db
      .insertInto("image_fingerprints")
      .values({
        file_id: id,
        phash: toBits(f.phash),
        phash_trim: toBits(f.phashTrim),
        dhash: toBits(f.dhash),
        dhash_trim: toBits(f.dhashTrim),
        uploader_id: "index-test",
        created_at: at,
      })
      .execute();
    ids.push({ id, bits });
  }
  const found = await findCandidates(database.db, base, { before: new Date("2025-01-02T00:00:00Z") });
  const ours = found.filter((c) => ids.some((i) => i.id === c.fileId));
  // Every row within 11 bits is offered (pigeonhole on 4 chunks, radius 2), and the index agrees
  // with candidateDistance — the rule the measured rates were computed with — on every row.
  const expected = ids.filter(
    (i) => candidateDistance(base, flipped(base, i.bits)).distance <= MATCH_THRESHOLD,
  );
  assert.deepEqual(
    ours.map((c) => c.distance),
    expected.map((i) => i.bits),
  );
  for (let bits = 0; bits <= 11; bits++)
    assert.ok(
      expected.some((i) => i.bits === bits),
      `${bits} bits`,
    );
  // The mirrored query finds rows stored the other way round.
  const mirroredQuery = {
    ...base,
    phash: 0n,
    phashTrim: 0n,
    phashMirror: base.phash,
    phashTrimMirror: base.phashTrim,
  };
  const viaMirror = await findCandidates(database.db, mirroredQuery, {
    before: new Date("2025-01-02T00:00:00Z"),
  });
  assert.ok(viaMirror.some((c) => c.fileId === ids[0]?.id && c.distance === 0));
});

test("rows fingerprinted before migration 0650 (no mirror hashes, no thumbnails) are still found, by their signatures", async () => {
  const original = await renderDesign(7301);
  const a = await upload(original, "provider-a");
  await database.db
    .updateTable("image_fingerprints")
    .set({ phash_mirror: null, phash_trim_mirror: null, thumb: Buffer.alloc(0), thumb_trim: Buffer.alloc(0) })
    .where("file_id", "=", a.id)
    .execute();
  const copy = await upload(await makeVariant(original, "jpeg", 7301), "provider-b");
  const found = await findNearDuplicatesOfFile(database.db, copy.id);
  assert.deepEqual(
    found?.map((m) => m.fileId),
    [a.id],
  );
});

test("text normalisation: the database's text_norm is normaliseText (NFKC full-width, case, spaces, ASCII and CJK punctuation)", async () => {
  const samples = [
    "Ｌａｎｇ　Ｊｉａｎｇ！",
    "Blue  Sky, Coffee.",
    "两江茶事。「好茶」",
    "  ",
    "ＡＢＣ１２３",
  ];
  for (const text of samples) {
    const { rows } = await sql<{ norm: string | null }>`
      SELECT nullif(regexp_replace(lower(normalize(${text}::text, NFKC)),
        '[[:space:][:punct:]。、，．！？：；「」『』（）《》〈〉【】〔〕…—～·・‘’“”]+', '', 'g'), '') AS norm`.execute(
      database.db,
    );
    assert.equal(rows[0]?.norm ?? "", normaliseText(text), text);
  }
  assert.equal(normaliseText("Ｌａｎｇ　Ｊｉａｎｇ！"), "langjiang");
});
