// The originality guard's last check (issue 12; docs/ORIGINALITY.md, "The rule" (d)): are the thin
// colour edges of one picture (server/files/edges.ts) all found in the other, region by region?
//
// A copy keeps its original's edges: resizing, recompression, a colour shift, a border or a mirror
// move none, and a watermark only ADDS edges (its letters at 25–50 % opacity leave the original's
// outlines visible under them) — so at least one of the two pictures' edges are all in the other.
// Two designs that differ in a name or a small mark fail both ways, and where they differ the
// difference is concentrated in the name's window. There, small letters of one font find an edge of
// the same direction within a pixel by chance more often than not, so a window's misses are measured
// against that chance (what the same edges miss a few pixels off): the score is the worst window's,
// and a pair passes when it is small in at least one direction. Faint edges (a light name on a light
// shape) are looked for too, leniently; a picture with few strong edges (a disc) is no evidence.
import { EDGE_SIZE } from "../../files/edges.ts";

/** A strong edge (ΔE per pixel × 4) must be found in the other picture… */
const STRONG_EDGE = 32;
/** …as an edge at least this strong, of about the same direction, within one pixel. */
const WEAK_EDGE = 12;
/**
 * Faint edges, from this strength, are looked for too, at the strong edges' placement, with twice
 * the misses allowed (an edit can sink them under WEAK_EDGE): a light name on a light shape has no
 * strong edges, and without them two monograms or badges that differ only there are one shape.
 */
const FAINT_EDGE = 16;
const FAINT_LENIENCY = 2;
/** Windows of this side (pixels of EDGE_SIZE²), overlapping by half, with at least MIN_IN_WINDOW edges. */
const WINDOW = 32;
const MIN_IN_WINDOW = 40;
/**
 * A picture with fewer strong inner edges than this is no evidence by being found in another: a
 * disc or a plain ring (a badge whose name is faint) is found in every design built on the same shape.
 */
const MIN_EDGES = 200;
/** The misplacement that measures a window's chance level (px, each axis): beyond the 1-px tolerance. */
const CHANCE_SHIFT = 3;
/** A window's chance level is never taken below this share missing. */
const MIN_CHANCE_MISSING = 0.2;
const N = EDGE_SIZE;
const CENTRE = (N - 1) / 2;
const DEG = Math.PI / 180;

/** Placement of one map on the other: rotation and scale about the centre, then a shift in pixels. */
export type Placement = { angle: number; scale: number; dx: number; dy: number };

type EdgeMap = { strong: Int16Array; faint: Int16Array; near: Uint8Array };

/**
 * Decoded edges: the strong ones of the inner picture (x, y, direction; an eighth of each side left
 * out, where borders, crops and rotated corners live), those down to FAINT_EDGE (the strong ones
 * included) and, for being searched in, a bitmask per pixel of the directions of weak edges within
 * one pixel (each edge's direction and its two neighbours).
 */
function decode(edges: Uint8Array, mirrored: boolean): EdgeMap {
  const strong: number[] = [];
  const faint: number[] = [];
  const near = new Uint8Array(N * N);
  const margin = N / 8;
  for (let i = 0; i + 3 < edges.length; i += 4) {
    const x = mirrored ? N - 1 - (edges[i] as number) : (edges[i] as number);
    const y = edges[i + 1] as number;
    const direction = mirrored ? (8 - (edges[i + 2] as number)) % 8 : (edges[i + 2] as number);
    const strength = edges[i + 3] as number;
    if (strength >= FAINT_EDGE && x >= margin && x < N - margin && y >= margin && y < N - margin) {
      faint.push(x, y, direction);
      if (strength >= STRONG_EDGE) strong.push(x, y, direction);
    }
    if (strength < WEAK_EDGE) continue;
    const bits = (1 << direction) | (1 << ((direction + 1) % 8)) | (1 << ((direction + 7) % 8));
    for (let v = Math.max(0, y - 1); v <= Math.min(N - 1, y + 1); v++)
      for (let u = Math.max(0, x - 1); u <= Math.min(N - 1, x + 1); u++)
        near[v * N + u] = (near[v * N + u] as number) | bits;
  }
  return { strong: Int16Array.from(strong), faint: Int16Array.from(faint), near };
}

/** How many of `from`'s points (every `stride`-th) land on a near edge of `to` under `p`. */
function found(
  from: Int16Array,
  to: Uint8Array,
  p: Placement,
  stride: number,
  each?: (point: number, hit: boolean) => void,
): number {
  const cos = Math.cos(p.angle) * p.scale;
  const sin = Math.sin(p.angle) * p.scale;
  let hits = 0;
  for (let i = 0; i < from.length; i += 3 * stride) {
    const x = (from[i] as number) - CENTRE;
    const y = (from[i + 1] as number) - CENTRE;
    const u = Math.round(CENTRE + p.dx + cos * x - sin * y);
    const v = Math.round(CENTRE + p.dy + sin * x + cos * y);
    const hit =
      u >= 0 &&
      v >= 0 &&
      u < N &&
      v < N &&
      ((to[v * N + u] as number) & (1 << (from[i + 2] as number))) !== 0;
    if (hit) hits++;
    each?.(i / 3, hit);
  }
  return hits;
}

/**
 * The best placement of `from` on `to` near `hint` (the grey alignment's), on a sample of the points:
 * first the scale (±9 %) and the shift (±8 px) at the hint's angle — the grey thumbnails ignore the
 * aspect, so for a bordered or cropped wide picture their scale can be several per cent off — then
 * rotation (±6°, which also corrects the hint's angle, a little off for a wide picture), scale ±3 %
 * and shift ±4 px around that; then refined twice, the last time on all of the points.
 */
function place(from: Int16Array, to: Uint8Array, hint: Placement): Placement {
  const count = from.length / 3;
  const stride = Math.max(1, Math.floor(count / 300));
  let best = { hits: -1, p: hint };
  const consider = (p: Placement, s: number) => {
    const hits = found(from, to, p, s);
    if (hits > best.hits) best = { hits, p };
  };
  for (let k = -6; k <= 6; k++)
    for (let oy = -8; oy <= 8; oy += 2)
      for (let ox = -8; ox <= 8; ox += 2)
        consider(
          { ...hint, scale: hint.scale * (1 + 0.015 * k), dx: hint.dx + ox, dy: hint.dy + oy },
          stride,
        );
  const c = best.p;
  for (let angle = -6; angle <= 6; angle++)
    for (const ds of [-0.03, -0.015, 0, 0.015, 0.03])
      for (let oy = -4; oy <= 4; oy += 2)
        for (let ox = -4; ox <= 4; ox += 2)
          consider({ angle: angle * DEG, scale: c.scale * (1 + ds), dx: c.dx + ox, dy: c.dy + oy }, stride);
  for (const [da, ds, s] of [
    [0.5, 0.0075, stride],
    [0.25, 0.004, 1],
  ] as const) {
    const c = best.p;
    best = { hits: -1, p: c };
    for (const a of [-da, 0, da])
      for (const k of [-ds, 0, ds])
        for (let oy = -1; oy <= 1; oy++)
          for (let ox = -1; ox <= 1; ox++)
            consider({ angle: c.angle + a * DEG, scale: c.scale * (1 + k), dx: c.dx + ox, dy: c.dy + oy }, s);
  }
  return best.p;
}

/**
 * The worst window's misses against chance (0 for a clean copy, about 1 or more for another word):
 * of the share of `points` in a window that `to` lacks at placement `p`, over the share it lacks
 * when the placement is off by CHANCE_SHIFT px diagonally (the four ways, averaged) — what a
 * different picture with edges in the same places would score. In a window of small letters, edges
 * of the same direction lie within a pixel of almost anything, and a different word misses little
 * in absolute terms; it still misses nearly as much as a misplaced copy does, while a copy misses
 * far less. Windows that miss less than MIN_CHANCE_MISSING even when misplaced
 * (a flat texture) are counted against that floor.
 */
function worstWindowMissing(points: Int16Array, to: Uint8Array, p: Placement): number {
  const cells = Math.ceil(N / WINDOW) + 1;
  const total = new Int32Array(4 * cells * cells);
  const missed = new Int32Array(total.length);
  const missedByChance = new Float64Array(total.length);
  // Each point's window in each of four grids, offset by half a window, so a word is never split by
  // every grid; a window belongs to the point, wherever it is placed.
  const windows = new Int32Array((4 * points.length) / 3);
  for (let i = 0; i < windows.length; i++) {
    const g = i % 4;
    const at = ((i - g) / 4) * 3; // the point's x in `points`
    const wx = Math.floor(((points[at] as number) + ((g & 1) * WINDOW) / 2) / WINDOW);
    const wy = Math.floor(((points[at + 1] as number) + ((g >> 1) * WINDOW) / 2) / WINDOW);
    windows[i] = (g * cells + wy) * cells + wx;
  }
  found(points, to, p, 1, (point, hit) => {
    for (const k of windows.subarray(4 * point, 4 * point + 4)) {
      total[k] = (total[k] as number) + 1;
      if (!hit) missed[k] = (missed[k] as number) + 1;
    }
  });
  for (const [sx, sy] of [
    [1, 1],
    [-1, 1],
    [1, -1],
    [-1, -1],
  ] as const)
    found(
      points,
      to,
      { ...p, dx: p.dx + sx * CHANCE_SHIFT, dy: p.dy + sy * CHANCE_SHIFT },
      1,
      (point, hit) => {
        if (hit) return;
        for (const k of windows.subarray(4 * point, 4 * point + 4))
          missedByChance[k] = (missedByChance[k] as number) + 0.25;
      },
    );
  let worst = 0;
  for (let k = 0; k < total.length; k++) {
    const all = total[k] as number;
    if (all >= MIN_IN_WINDOW)
      worst = Math.max(
        worst,
        (missed[k] as number) / Math.max(missedByChance[k] as number, MIN_CHANCE_MISSING * all),
      );
  }
  return worst;
}

/**
 * How much of `from`'s edges `to` lacks: the worst window of the strong ones, placed near `hint`,
 * and of the faint ones (strong included) at that placement, leniently. 1 (no evidence) when `from`
 * has fewer than MIN_EDGES strong edges.
 */
function containedMissing(from: EdgeMap, to: EdgeMap, hint: Placement): number {
  if (from.strong.length / 3 < MIN_EDGES) return 1;
  const p = place(from.strong, to.near, hint);
  return Math.max(
    worstWindowMissing(from.strong, to.near, p),
    worstWindowMissing(from.faint, to.near, p) / FAINT_LENIENCY,
  );
}

/**
 * How much of the edges two pictures do not share: the smaller of "query's edges missing from the
 * stored picture" and the reverse, each the worst window's against chance; the reverse is not
 * computed when the first is already within `enough`. `hint` places the query on the stored map
 * (in EDGE_SIZE pixels) as the grey alignment found. 0 for a clean copy, about 1 for a different word. Undefined
 * when either picture has no edges stored (rows from before migration 0656).
 */
export function edgesMissing(
  query: Uint8Array,
  stored: Uint8Array,
  mirrored: boolean,
  hint: Placement,
  enough = 0,
): number | undefined {
  if (query.length === 0 || stored.length === 0) return undefined;
  const q = decode(query, mirrored);
  const s = decode(stored, false);
  const forth = containedMissing(q, s, hint);
  if (forth <= enough) return forth;
  // The inverse placement (rotation undone first, then the shift).
  const cos = Math.cos(-hint.angle) / hint.scale;
  const sin = Math.sin(-hint.angle) / hint.scale;
  const back: Placement = {
    angle: -hint.angle,
    scale: 1 / hint.scale,
    dx: -(cos * hint.dx - sin * hint.dy),
    dy: -(sin * hint.dx + cos * hint.dy),
  };
  return Math.min(forth, containedMissing(s, q, back));
}
