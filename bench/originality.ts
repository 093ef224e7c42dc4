// npm run bench -- originality   (or: npx node bench/originality.ts [designs] [seed])
// Measures the originality guard on generated designs and their edited copies: hit rate (copies
// caught) and false matches between distinct designs, per threshold, for the guard's rule and for
// simpler alternatives it was chosen against. Method and recorded numbers: docs/ORIGINALITY.md.
import os from "node:os";
import {
  isNearDuplicate,
  MATCH_THRESHOLD,
  MIN_SIMILARITY,
} from "../server/features/originality/originality.queries.ts";
import {
  type Fingerprint,
  fingerprintDistance,
  fingerprintImage,
  hammingDistance,
} from "../server/files/fingerprint.ts";
import { evaluate, hashDesignSet, ratesAt } from "../test/helpers/designs.ts";

const n = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const NO_MATCH = 64;

/** Each rule as a distance: the threshold sweep then applies "distance ≤ t". */
const rules: Record<string, (a: Fingerprint, b: Fingerprint) => number> = {
  "dHash, whole image": (a, b) => hammingDistance(a.dhash, b.dhash),
  "dHash, min(whole, trimmed)": (a, b) =>
    Math.min(hammingDistance(a.dhash, b.dhash), hammingDistance(a.dhashTrim, b.dhashTrim)),
  "pHash, whole image": (a, b) => hammingDistance(a.phash, b.phash),
  "pHash, min(whole, trimmed)": fingerprintDistance,
  [`pHash, min(whole, trimmed), verified by signature correlation ≥ ${MIN_SIMILARITY} — the guard`]: (
    a,
    b,
  ) => (isNearDuplicate(a, b, NO_MATCH) ? fingerprintDistance(a, b) : NO_MATCH),
};

const started = performance.now();
let hashed = 0;
let hashMs = 0;
const set = await hashDesignSet(
  n,
  async (image) => {
    const t0 = performance.now();
    const fp = await fingerprintImage(image);
    hashMs += performance.now() - t0;
    hashed++;
    return fp;
  },
  { seed },
);
const elapsed = (performance.now() - started) / 1000;

const cpus = os.cpus();
console.log(
  `# originality bench, ${new Date().toISOString()}: ${n} designs + ${set.variants.length} edited copies, seed ${seed}`,
);
console.log(
  `# ${cpus.length} cores (${cpus[0]?.model.trim()}), ${os.platform()} ${os.release()}, node ${process.version}`,
);
console.log(
  `# ${hashed} images fingerprinted, ${(hashMs / hashed).toFixed(1)} ms each (4 at a time, incl. queueing); whole run ${elapsed.toFixed(1)} s`,
);
console.log(
  "# hit rate: copies within t of their original; false pairs: pairs of distinct designs within t;",
);
console.log("# designs flagged: designs within t of at least one of the other designs of the set");
let summary = "";
for (const [name, distance] of Object.entries(rules)) {
  const m = evaluate(set, distance);
  const kinds = Object.keys(ratesAt(m, 0).byKind);
  console.log(`\n## ${name}\n`);
  console.log(`| t | hit rate | false pairs | designs flagged | ${kinds.join(" | ")} |`);
  console.log(`|${"---|".repeat(4 + kinds.length)}`);
  for (let t = 4; t <= 16; t += 2) {
    const r = ratesAt(m, t);
    const cells = kinds.map((k) => pct(r.byKind[k as keyof typeof r.byKind]));
    const mark = t === MATCH_THRESHOLD ? " ←" : "";
    console.log(
      `| ${t}${mark} | ${pct(r.hitRate)} | ${pct(r.falsePairRate)} | ${pct(r.falseDesignRate)} | ${cells.join(" | ")} |`,
    );
    if (name.endsWith("the guard") && t === MATCH_THRESHOLD) {
      summary = `originality: threshold ${t}, hit rate ${pct(r.hitRate)}, false pairs ${pct(r.falsePairRate)}, designs flagged ${pct(r.falseDesignRate)}`;
    }
  }
}
console.log(`\n${summary}`);
