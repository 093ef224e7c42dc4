// The originality guard's two stages on fingerprints alone (no database): the cheap candidate test
// (pHash Hamming distance, the mirrored picture included) and the strict verification that decides
// (the 32×32 thumbnails aligned by a small search over shift, scale and rotation, then compared
// as a whole and block by block), then, since the second pass of issue 12, the colour layout (one
// hue turn allowed), and since the third, the outlines at stroke resolution (edge-match.ts), where
// two badges whose names differ are told apart. Measured and tuned on generated designs:
// docs/ORIGINALITY.md.
import { EDGE_SIZE } from "../../files/edges.ts";
import {
  COLOUR_SIZE,
  correlation,
  type Fingerprint,
  THUMB_SIZE,
  THUMB_TRIM_SIZE,
} from "../../files/fingerprint.ts";
import { edgesMissing } from "./edge-match.ts";

/** Candidate stage: pHash bits that may differ (whole, trimmed or mirrored). Tuned in bench/originality.ts. */
export const CANDIDATE_DISTANCE = 12;
/** Verification: aligned correlation of the thumbnails at least this… */
export const MIN_ALIGNED = 0.8;
/**
 * …and at most this share of the inner picture different (a different name in the same badge often
 * fails here). 2 %, not 1 %, since the edge check: a watermark's letters reach 1–2 % of the thumbnail.
 */
export const MAX_FAR_SHARE = 0.02;
/**
 * Colour layout: the stored picture's (a, b) grid, warped as the grey alignment found, is turned
 * by the one hue angle (and chroma scale) that fits the query's best; a copy needs at most this
 * turn (the hue-shift edit goes to 40°)…
 */
export const MAX_HUE_TURN_DEG = 42;
/** …and what that turn leaves unexplained at most this (mean CIELAB distance per cell of the inner grid). */
export const MAX_COLOUR_RESIDUAL = 6;
/**
 * Edges (edge-match.ts): in the worst window, one picture's outlines missing from the other may be at
 * most this share of what they miss when misplaced by a few pixels (a copy: a few per cent; a
 * different name in the same badge: about as much as misplaced).
 */
export const MAX_EDGES_MISSING = 0.35;

/** The four pHashes as 32-bit halves (BigInt arithmetic is slow for comparing many pairs). */
const halves = new WeakMap<Fingerprint, Uint32Array>();
function wordsOf(f: Fingerprint): Uint32Array {
  let w = halves.get(f);
  if (!w) {
    w = new Uint32Array(8);
    [f.phash, f.phashTrim, f.phashMirror, f.phashTrimMirror].forEach((h, i) => {
      const u = BigInt.asUintN(64, h);
      (w as Uint32Array)[2 * i] = Number(u >> 32n);
      (w as Uint32Array)[2 * i + 1] = Number(u & 0xffffffffn);
    });
    halves.set(f, w);
  }
  return w;
}
function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
const bitsApart = (a: Uint32Array, i: number, b: Uint32Array, j: number) =>
  popcount32((a[2 * i] as number) ^ (b[2 * j] as number)) +
  popcount32((a[2 * i + 1] as number) ^ (b[2 * j + 1] as number));

/**
 * Radius of the chunk index: a stored row is offered when one of its four 16-bit chunks (of the
 * whole or the trimmed pHash) is within this many bits of the query's. Every pair within
 * 4 × (CHUNK_RADIUS + 1) − 1 = 11 bits is offered (pigeonhole); at 12 bits only those whose 12
 * differing bits fall exactly 3 in each chunk are not. Radius 3 would be exact to 15 bits but asks
 * for 697 values per chunk instead of 137, and was no faster than a full scan at 1 M rows (bench).
 */
export const CHUNK_RADIUS = 2;

const popcount16 = (x: number) => popcount32(x & 0xffff);
/** Whether hash i of `a` and hash j of `b` have a 16-bit chunk within CHUNK_RADIUS bits. */
function chunkNear(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  const hi = ((a[2 * i] as number) ^ (b[2 * j] as number)) >>> 0;
  const lo = ((a[2 * i + 1] as number) ^ (b[2 * j + 1] as number)) >>> 0;
  return (
    popcount16(hi >>> 16) <= CHUNK_RADIUS ||
    popcount16(hi) <= CHUNK_RADIUS ||
    popcount16(lo >>> 16) <= CHUNK_RADIUS ||
    popcount16(lo) <= CHUNK_RADIUS
  );
}

/**
 * Hashes of `query` compared with `stored`'s (whole with whole, trimmed with trimmed): straight,
 * and mirrored (the query's mirror hashes against the stored straight ones). Same as the SQL.
 */
export function candidateDistance(
  query: Fingerprint,
  stored: Fingerprint,
): { distance: number; mirrored: boolean } {
  const q = wordsOf(query);
  const s = wordsOf(stored);
  // The index only offers rows sharing a near chunk (originality.queries.ts): the same rule here.
  const hasMirror = query.phashMirror !== 0n || query.phashTrimMirror !== 0n;
  const indexed =
    chunkNear(q, 0, s, 0) ||
    chunkNear(q, 1, s, 1) ||
    (hasMirror && (chunkNear(q, 2, s, 0) || chunkNear(q, 3, s, 1)));
  if (!indexed) return { distance: 64, mirrored: false };
  const straight = Math.min(bitsApart(q, 0, s, 0), bitsApart(q, 1, s, 1));
  if (query.phashMirror === 0n && query.phashTrimMirror === 0n)
    return { distance: straight, mirrored: false };
  const mirrored = Math.min(bitsApart(q, 2, s, 0), bitsApart(q, 3, s, 1));
  return mirrored < straight
    ? { distance: mirrored, mirrored: true }
    : { distance: straight, mirrored: false };
}

export type Verification = Readonly<{
  /** Correlation of the aligned thumbnails (−1…1). */
  similarity: number;
  /** Share of the inner picture that differs even after alignment (0…1): other words, other marks. */
  farShare: number;
  mirrored: boolean;
  /** The hue turn (degrees) that best maps the earlier picture's colours onto this one's; undefined without colour grids. */
  hueTurn?: number;
  /** Mean CIELAB distance left after that turn. */
  colourResidual?: number;
  /** Outlines one picture lacks of the other's against chance, worst window (edge-match.ts); undefined without edge maps. */
  edgesMissing?: number;
}>;

/** Alignment runs on 32 × 32 copies (cheap), the block comparison on the full thumbnails. */
const ALIGN = 32;
/** Pixels this many standard deviations apart (after alignment) count as different. */
const FAR = 1;

/** Zero mean, unit variance; mirrored on request. */
function standardise(t: ArrayLike<number>, n: number, mirror: boolean): Float32Array {
  const out = new Float32Array(n * n);
  let mean = 0;
  for (let i = 0; i < n * n; i++) mean += t[i] as number;
  mean /= n * n;
  let v = 0;
  for (let i = 0; i < n * n; i++) v += ((t[i] as number) - mean) ** 2;
  const sd = Math.sqrt(v / (n * n)) || 1;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      out[y * n + x] = ((t[y * n + (mirror ? n - 1 - x : x)] as number) - mean) / sd;
  return out;
}

/** Box-filter an n × n picture down to ALIGN × ALIGN. */
function shrink(t: ArrayLike<number>, n: number): Float32Array {
  const f = n / ALIGN;
  const out = new Float32Array(ALIGN * ALIGN);
  for (let y = 0; y < ALIGN; y++)
    for (let x = 0; x < ALIGN; x++) {
      let sum = 0;
      for (let v = 0; v < f; v++) for (let u = 0; u < f; u++) sum += t[(y * f + v) * n + x * f + u] as number;
      out[y * ALIGN + x] = sum / (f * f);
    }
  return out;
}

/** A warp in units of the picture's side (shift as a share of it), so it applies at any size. */
type Warp = { angle: number; scale: number; dx: number; dy: number };

/** `b` (n × n) resampled (bilinear, edges clamped) under the warp. */
function warp(b: Float32Array, n: number, w: Warp, out: Float32Array): Float32Array {
  const c = (n - 1) / 2;
  const cos = Math.cos(w.angle) * w.scale;
  const sin = Math.sin(w.angle) * w.scale;
  const dx = w.dx * n;
  const dy = w.dy * n;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const u = Math.min(n - 1, Math.max(0, c + cos * (x - c) - sin * (y - c) + dx));
      const v = Math.min(n - 1, Math.max(0, c + sin * (x - c) + cos * (y - c) + dy));
      const x0 = Math.min(n - 2, Math.floor(u));
      const y0 = Math.min(n - 2, Math.floor(v));
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * n + x0;
      out[y * n + x] =
        (b[i] as number) * (1 - fx) * (1 - fy) +
        (b[i + 1] as number) * fx * (1 - fy) +
        (b[i + n] as number) * (1 - fx) * fy +
        (b[i + n + 1] as number) * fx * fy;
    }
  return out;
}

/** Normalised cross-correlation of two aligned thumbnails (0 when either is flat). */
const ncc = (a: Float32Array, b: Float32Array): number => correlation(a, b) ?? 0;

const DEG = Math.PI / 180;

/** The warp of `b` that best matches `a` (half size): a coarse grid, then a finer one around its best. */
function bestWarp(a: Float32Array, b: Float32Array): Warp {
  const buf = new Float32Array(ALIGN * ALIGN);
  let best = { warp: { angle: 0, scale: 1, dx: 0, dy: 0 }, score: -2 };
  const tryWarp = (w: Warp) => {
    const s = ncc(a, warp(b, ALIGN, w, buf));
    if (s > best.score) best = { warp: w, score: s };
  };
  const step = 1.5 / ALIGN;
  for (const angle of [-4 * DEG, 0, 4 * DEG])
    for (const scale of [0.94, 1, 1.06])
      for (const dx of [-step, 0, step]) for (const dy of [-step, 0, step]) tryWarp({ angle, scale, dx, dy });
  const c = best.warp;
  for (const da of [-2 * DEG, 0, 2 * DEG])
    for (const ds of [-0.03, 0, 0.03])
      for (const ex of [-step / 2, 0, step / 2])
        for (const ey of [-step / 2, 0, step / 2])
          tryWarp({ angle: c.angle + da, scale: c.scale + ds, dx: c.dx + ex, dy: c.dy + ey });
  return best.warp;
}

/**
 * The query's thumbnail against the stored one, aligned: their correlation, and the share of the
 * inner picture (the outer eighth on each side left out: borders, crops and rotated corners live
 * there) where the two differ by more than FAR standard deviations even at the best of the nine
 * neighbouring pixels — so a one-pixel misalignment costs nothing, a faint watermark little, and a
 * different word or mark a lot.
 */
function compare(query: Uint8Array, stored: Uint8Array, n: number, mirrored: boolean) {
  const w = bestWarp(
    standardise(shrink(query, n), ALIGN, mirrored),
    standardise(shrink(stored, n), ALIGN, false),
  );
  const a = standardise(query, n, mirrored);
  const b = warp(standardise(stored, n, false), n, w, new Float32Array(n * n));
  const edge = n / 8;
  let far = 0;
  let inner = 0;
  for (let y = edge; y < n - edge; y++)
    for (let x = edge; x < n - edge; x++) {
      const v = a[y * n + x] as number;
      let closest = Infinity;
      for (let oy = -1; oy <= 1; oy++)
        for (let ox = -1; ox <= 1; ox++)
          closest = Math.min(closest, Math.abs(v - (b[(y + oy) * n + x + ox] as number)));
      inner++;
      if (closest > FAR) far++;
    }
  return { similarity: ncc(a, b), farShare: far / inner, warp: w };
}

/**
 * The colour check under the grey alignment's warp: the stored (a, b) grid warped, then the one
 * rotation of the (a, b) plane — a global hue shift — and chroma scale that fit the query's grid
 * best (least squares: angle = atan2(Σ cross, Σ dot)); returns that angle and the mean distance
 * the turn leaves. Two badges of one template in other colours need a large turn or leave a large
 * residual; a hue-shifted copy needs its shift and leaves little.
 */
function colourFit(query: Uint8Array, stored: Uint8Array, mirrored: boolean, w: Warp) {
  const n = COLOUR_SIZE;
  const planes = [0, 1].map((c) => {
    const p = new Float32Array(n * n);
    for (let i = 0; i < n * n; i++) p[i] = (stored[2 * i + c] as number) - 128;
    return warp(p, n, w, new Float32Array(n * n));
  }) as [Float32Array, Float32Array];
  const edge = n / 8;
  const at = (y: number, x: number) => 2 * (y * n + (mirrored ? n - 1 - x : x));
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let y = edge; y < n - edge; y++)
    for (let x = edge; x < n - edge; x++) {
      const qa = (query[at(y, x)] as number) - 128;
      const qb = (query[at(y, x) + 1] as number) - 128;
      const sa = planes[0][y * n + x] as number;
      const sb = planes[1][y * n + x] as number;
      dot += qa * sa + qb * sb;
      cross += sa * qb - sb * qa;
      norm += sa * sa + sb * sb;
    }
  const angle = Math.atan2(cross, dot);
  const scale = norm > 0 ? Math.hypot(dot, cross) / norm : 1;
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  let residual = 0;
  let cells = 0;
  for (let y = edge; y < n - edge; y++)
    for (let x = edge; x < n - edge; x++) {
      const sa = planes[0][y * n + x] as number;
      const sb = planes[1][y * n + x] as number;
      residual += Math.hypot(
        cos * sa - sin * sb - ((query[at(y, x)] as number) - 128),
        sin * sa + cos * sb - ((query[at(y, x) + 1] as number) - 128),
      );
      cells++;
    }
  return { hueTurn: (Math.abs(angle) * 180) / Math.PI, colourResidual: residual / cells };
}

/**
 * The strict check of a candidate: the better of whole-against-whole and trimmed-against-trimmed,
 * the query mirrored when its mirrored hash was the closer one (or both ways when unsure). A pair
 * that passes in grey and colour then has its edges compared, whole and trimmed, each placed as the
 * grey alignment of that box found; the better counts. Undefined when either fingerprint has no
 * thumbnails (rows from before migration 0650).
 */
export function verify(
  query: Fingerprint,
  stored: Fingerprint,
  orientations: readonly boolean[] = [false, true],
): Verification | undefined {
  const whole = THUMB_SIZE ** 2;
  const trim = THUMB_TRIM_SIZE ** 2;
  if (query.thumb.length !== whole || stored.thumb.length !== whole) return undefined;
  if (query.thumbTrim.length !== trim || stored.thumbTrim.length !== trim) return undefined;
  const colours = COLOUR_SIZE ** 2 * 2;
  const withColour = query.colour.length === colours && stored.colour.length === colours;
  let best: Verification | undefined;
  // The two boxes compared: the trimmed one (where a logo's detail is) and the whole picture.
  const boxes = [
    {
      size: THUMB_TRIM_SIZE,
      thumbs: [query.thumbTrim, stored.thumbTrim],
      colours: [query.colourTrim, stored.colourTrim],
      edges: [query.edgesTrim, stored.edgesTrim],
    },
    {
      size: THUMB_SIZE,
      thumbs: [query.thumb, stored.thumb],
      colours: [query.colour, stored.colour],
      edges: [query.edges, stored.edges],
    },
  ] as const;
  for (const mirrored of orientations) {
    const compared = boxes.map((box) => ({
      ...box,
      ...compare(box.thumbs[0], box.thumbs[1], box.size, mirrored),
    }));
    let edges: { edgesMissing?: number } | undefined;
    for (const c of compared) {
      const grey = { similarity: c.similarity, farShare: c.farShare, mirrored };
      // Colour and edges only matter for a pair the grey check passes (and cost little next to the alignment).
      let v: Verification =
        withColour && grey.similarity >= MIN_ALIGNED && grey.farShare <= MAX_FAR_SHARE
          ? { ...grey, ...colourFit(c.colours[0], c.colours[1], mirrored, c.warp) }
          : grey;
      if (passes(v)) {
        edges ??= edgeCheck(compared, mirrored);
        v = { ...v, ...edges };
      }
      if (!best || score(v) > score(best)) best = v;
    }
  }
  return best;
}

/**
 * The better (smaller) edge score (edge-match.ts) over the two boxes, each placed as its grey
 * alignment found; the whole picture only when the trimmed box is not within MAX_EDGES_MISSING.
 * Nothing when either picture has no edge maps.
 */
function edgeCheck(
  boxes: readonly { edges: readonly [Uint8Array, Uint8Array]; warp: Warp }[],
  mirrored: boolean,
): { edgesMissing?: number } {
  let least: number | undefined;
  for (const { edges, warp: w } of boxes) {
    const hint = { angle: w.angle, scale: w.scale, dx: w.dx * EDGE_SIZE, dy: w.dy * EDGE_SIZE };
    const missing = edgesMissing(edges[0], edges[1], mirrored, hint, MAX_EDGES_MISSING);
    if (missing !== undefined) least = Math.min(least ?? 1, missing);
    if (least !== undefined && least <= MAX_EDGES_MISSING) break;
  }
  return least === undefined ? {} : { edgesMissing: least };
}

/** Passing comparisons first, then the closest grey one (the evidence shown). */
const score = (v: Verification) =>
  (passes(v) ? 10 : 0) + Math.min(v.similarity - MIN_ALIGNED, (MAX_FAR_SHARE - v.farShare) * 10);

/** The guard's decision for two fingerprints: a candidate by hash, confirmed by verification. */
export function isCopy(query: Fingerprint, stored: Fingerprint): boolean {
  const c = candidateDistance(query, stored);
  if (c.distance > CANDIDATE_DISTANCE) return false;
  const v = verify(query, stored, [c.mirrored]);
  return v !== undefined && passes(v);
}

export const passes = (v: Verification) =>
  v.similarity >= MIN_ALIGNED &&
  v.farShare <= MAX_FAR_SHARE &&
  (v.hueTurn === undefined ||
    (v.hueTurn <= MAX_HUE_TURN_DEG && (v.colourResidual as number) <= MAX_COLOUR_RESIDUAL)) &&
  (v.edgesMissing === undefined || v.edgesMissing <= MAX_EDGES_MISSING);
