// npm run bench -- originality [--designs=100] [--halves=tuning,held-out] [--rounds=6] [--rows=1000000] [--only=quality|speed]
// The originality guard (docs/ORIGINALITY.md), measured three ways:
//   1. quality, per design and platform-wide: a tuning half (seed 1: the thresholds were chosen on it)
//      and a held-out half (seed 700001: measured once, after the fifth pass's rule was fixed; seed
//      500001, held out until then, was looked at for that pass), each `designs` generated
//      designs × 8 edits + as many hard negatives (same template, other composition and name),
//      uploaded in a random order by 40 providers over 12 contests (test/helpers/designs.ts). A copy
//      is caught when it is flagged against its own design; a distinct design is falsely flagged
//      when it matches ANY earlier upload by another provider.
//   2. verdict time through the HTTP API: `rounds` rounds of 10 concurrent multipart uploads (real
//      sockets, the app's workers in this process); time from the POST to the first GET that
//      shows the entry no longer `pending`.
//   3. candidate lookup at `rows` stored fingerprints (synthetic, inserted with generate_series),
//      p50/p95 over 200 queries, against the full scan the first version did; then one more round
//      of verdicts with those rows in place.
// Results: docs/ORIGINALITY.md, docs/PERFORMANCE.md ("Originality").
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { withDatabase } from "../server/db/database.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";
import { call, fund, postContest, signUp } from "../server/features/contests/contests.fixtures.ts";
import { findCandidates, isNearDuplicate } from "../server/features/originality/originality.queries.ts";
import {
  CANDIDATE_DISTANCE,
  CHUNK_RADIUS,
  MAX_COLOUR_RESIDUAL,
  MAX_EDGES_MISSING,
  MAX_FAR_SHARE,
  MAX_HUE_TURN_DEG,
  MIN_ALIGNED,
} from "../server/features/originality/verify.ts";
import {
  type Fingerprint,
  fingerprintImage,
  hammingDistance,
  similarity,
  toBits,
} from "../server/files/fingerprint.ts";
import { startTestApp } from "../test/helpers/app.ts";
import { makeVariant, platformRates, renderDesign, simulatePlatform } from "../test/helpers/designs.ts";
import { multipartBody } from "../test/helpers/http.ts";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const DESIGNS = Number(arg("designs", "100"));
const ROUNDS = Number(arg("rounds", "6"));
const ROWS = Number(arg("rows", "1000000"));
const ONLY = arg("only", "");
const HALVES = arg("halves", "tuning,held-out").split(",");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

const cpus = os.cpus();
console.log(
  `# originality bench, ${new Date().toISOString()}: ${cpus.length} cores (${cpus[0]?.model.trim()}), node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `# rule: pHash candidates within ${CANDIDATE_DISTANCE} bits (whole, trimmed, mirrored), verified by aligned correlation ≥ ${MIN_ALIGNED} and ≤ ${MAX_FAR_SHARE * 100}% of the inner picture different, colours within one hue turn ≤ ${MAX_HUE_TURN_DEG}° leaving ≤ ${MAX_COLOUR_RESIDUAL} ΔE, outlines: in any window, one picture's strong edges (and its faint ones at twice the allowance) missing from the other ≤ ${MAX_EDGES_MISSING} × what they miss 3 px off, a picture with < 200 strong edges no evidence`,
);

if (ONLY !== "speed") {
  for (const [half, seed] of [
    ["tuning", 1],
    ["held-out", 700_001],
  ] as const) {
    if (!HALVES.includes(half)) continue;
    const t0 = performance.now();
    const uploads = await simulatePlatform(DESIGNS, (image) => fingerprintImage(image), { seed });
    const t1 = performance.now();
    const r = platformRates(uploads, isNearDuplicate);
    const t2 = performance.now();
    console.log(
      `\n## ${half} half (seed ${seed}): ${uploads.length} uploads — ${DESIGNS} designs, ${r.copies} edited copies, ${DESIGNS} hard negatives`,
    );
    console.log(
      `# fingerprinting ${((t1 - t0) / uploads.length).toFixed(1)} ms per image (render + edit + fingerprint, 4 at a time); comparing every upload with every earlier one ${((t2 - t1) / 1000).toFixed(1)} s`,
    );
    console.log(`| rule | copies caught | distinct designs flagged | ${Object.keys(r.byKind).join(" | ")} |`);
    console.log(`|${"---|".repeat(3 + Object.keys(r.byKind).length)}`);
    console.log(
      `| this version | ${pct(r.hitRate)} (${Math.round(r.hitRate * r.copies)}/${r.copies}) | ${pct(r.falseDesignRate)} (${r.falseFlags.length}/${r.distinct}) | ${Object.values(
        r.byKind,
      )
        .map(pct)
        .join(" | ")} |`,
    );
    // The first version's rule on the same uploads, for comparison: pHash (whole or trimmed, not
    // mirrored) within 12 bits and 16×16 signature correlation ≥ 0.8.
    const v1 = platformRates(uploads, (a, b) => {
      const d = Math.min(hammingDistance(a.phash, b.phash), hammingDistance(a.phashTrim, b.phashTrim));
      if (d > 12) return false;
      const s = similarity(a, b);
      return s === undefined || s >= 0.8;
    });
    console.log(
      `| first version's rule | ${pct(v1.hitRate)} | ${pct(v1.falseDesignRate)} (${v1.falseFlags.length}/${v1.distinct}) | ${Object.values(v1.byKind).map(pct).join(" | ")} |`,
    );
    console.log(
      `originality ${half}: caught ${pct(r.hitRate)}, distinct designs flagged ${pct(r.falseDesignRate)}`,
    );
  }
}

if (ONLY !== "quality") {
  const root = path.join(import.meta.dirname, "..");
  const tmp = path.join(root, ".test-data", `bench-originality-${process.pid}`);
  await fs.mkdir(tmp, { recursive: true });
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(tmp, "pg"), {});
  const serverUrl = process.env.DATABASE_URL ?? (embedded?.serverUrl as string);
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  const template = `lj_bench_originality_${process.pid}`;
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(withDatabase(serverUrl, template));
  // startTestApp clones this template: the app, its routes and its workers as in the tests.
  process.env.LJ_TEST_SERVER_URL = serverUrl;
  process.env.LJ_TEST_TEMPLATE = template;
  const t = await startTestApp({ workers: true, listen: true });

  const buyer = await signUp(t.app);
  await fund(t, buyer, 10_000_000);
  const contests = await Promise.all([0, 1, 2].map(() => postContest(t, buyer, { prizesMinor: [100_000] })));
  const providers = await Promise.all(Array.from({ length: 10 }, () => signUp(t.app)));
  const originals = await Promise.all(Array.from({ length: 10 }, (_, i) => renderDesign(9000 + i)));

  /** One upload through a real socket, then GET until the verdict: milliseconds from POST to verdict. */
  async function uploadAndWait(who: (typeof providers)[number], taskId: string, png: Buffer) {
    const { contentType, payload } = await multipartBody([
      { name: "files", value: png, filename: "logo.png", type: "image/png" },
    ]);
    const started = performance.now();
    const res = await fetch(`${t.url}/api/v1/tasks/${taskId}/entries`, {
      method: "POST",
      headers: { ...(who.headers as Record<string, string>), "content-type": contentType },
      body: payload,
    });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    const { entry } = (await res.json()) as { entry: { id: string } };
    const stored = performance.now();
    for (;;) {
      const o = (await call(t, buyer, "GET", `/entries/${entry.id}`)).json().entry.originality;
      if (o && o.status !== "pending")
        return {
          ms: performance.now() - started,
          upload: stored - started,
          check: performance.now() - stored,
          status: o.status as string,
        };
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function rounds(n: number, label: string) {
    const times: number[] = [];
    const uploads: number[] = [];
    const checks: number[] = [];
    let flagged = 0;
    for (let round = 0; round < n; round++) {
      // Round 0 uploads the originals; later rounds mix copies (other providers) and new designs.
      const images = await Promise.all(
        providers.map(async (_, i) =>
          round === 0
            ? (originals[i] as Buffer)
            : i % 2 === 0
              ? makeVariant(originals[(i + round) % 10] as Buffer, "jpeg", i + round)
              : renderDesign(9100 + round * 10 + i),
        ),
      );
      const results = await Promise.all(
        providers.map((p, i) =>
          uploadAndWait(p, (contests[(i + round) % 3] as { id: string }).id, images[i] as Buffer),
        ),
      );
      for (const r of results) {
        times.push(r.ms);
        uploads.push(r.upload);
        checks.push(r.check);
        if (r.status === "flagged") flagged++;
      }
    }
    console.log(
      `| ${label} | ${times.length} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.95))} | ${ms(Math.max(...times))} | ${ms(quantile(uploads, 0.5))} / ${ms(quantile(uploads, 0.95))} | ${ms(quantile(checks, 0.5))} / ${ms(quantile(checks, 0.95))} | ${flagged} |`,
    );
    return times;
  }

  console.log("\n## verdict time: POST (multipart, real socket) → GET shows ok/flagged, 10 uploads at once");
  console.log(
    "| platform | uploads | verdict p50 | verdict p95 | max | of which POST → 201, p50 / p95 | 201 → verdict, p50 / p95 | flagged |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  await rounds(ROUNDS, "empty");

  console.log(`\n## candidate lookup at ${ROWS.toLocaleString("en")} stored fingerprints`);
  const t0 = performance.now();
  // Synthetic rows: random 64-bit hashes (a file row each, as the foreign key wants).
  await sql`
    INSERT INTO files (id, sha256, byte_size, media_type, original_name, uploader_id, created_at)
    SELECT gen_random_uuid(), md5(g::text) || md5((g + 1)::text), 1, 'image/png', 'synthetic.png', 'bench',
           now() - interval '1 day'
    FROM generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    INSERT INTO image_fingerprints (file_id, phash, phash_trim, dhash, dhash_trim, uploader_id, created_at)
    SELECT id, r1::bit(64), r2::bit(64), r1::bit(64), r2::bit(64), 'bench', created_at
    FROM (SELECT id, created_at,
                 ((random() * 4294967295)::bigint << 32) # (random() * 4294967295)::bigint AS r1,
                 ((random() * 4294967295)::bigint << 32) # (random() * 4294967295)::bigint AS r2
          FROM files WHERE uploader_id = 'bench') s`.execute(t.db);
  await sql`ANALYZE image_fingerprints`.execute(t.db);
  console.log(`# inserted in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const queries: Fingerprint[] = [];
  for (let i = 0; i < 200; i++) {
    const f = await fingerprintImage((await renderDesign(20_000 + (i % 20))) as Buffer);
    // Random query hashes (as many candidates as a real one would meet among random rows).
    const rnd = () =>
      BigInt.asUintN(
        64,
        (BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) | BigInt(Math.floor(Math.random() * 2 ** 32)),
      );
    queries.push(
      i < 20 ? f : { ...f, phash: rnd(), phashTrim: rnd(), phashMirror: rnd(), phashTrimMirror: rnd() },
    );
  }
  const lookup: number[] = [];
  let found = 0;
  for (const q of queries) {
    const s = performance.now();
    found += (await findCandidates(t.db, q, { before: new Date() })).length;
    lookup.push(performance.now() - s);
  }
  const scan: number[] = [];
  for (const q of queries.slice(0, 10)) {
    const s = performance.now();
    await sql`SELECT file_id FROM image_fingerprints
      WHERE least(bit_count(phash # ${toBits(q.phash)}::bit(64)), bit_count(phash_trim # ${toBits(q.phashTrim)}::bit(64))) <= ${CANDIDATE_DISTANCE}`.execute(
      t.db,
    );
    scan.push(performance.now() - s);
  }
  console.log("| method | queries | p50 | p95 | candidates per query |");
  console.log("|---|---|---|---|---|");
  console.log(
    `| chunk index (4 × 16 bits, radius ${CHUNK_RADIUS}, straight + mirrored) | ${lookup.length} | ${ms(quantile(lookup, 0.5))} | ${ms(quantile(lookup, 0.95))} | ${(found / lookup.length).toFixed(1)} |`,
  );
  console.log(
    `| full scan (first version, straight only) | ${scan.length} | ${ms(quantile(scan, 0.5))} | ${ms(quantile(scan, 0.95))} | — |`,
  );

  console.log(`\n## verdict time with ${ROWS.toLocaleString("en")} fingerprints stored`);
  console.log(
    "| platform | uploads | verdict p50 | verdict p95 | max | of which POST → 201, p50 / p95 | 201 → verdict, p50 / p95 | flagged |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  await rounds(Math.max(2, Math.floor(ROUNDS / 2)), `${ROWS.toLocaleString("en")} rows`);

  await t.close();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
