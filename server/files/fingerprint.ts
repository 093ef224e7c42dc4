// Perceptual fingerprints of images for the originality guard (docs/ORIGINALITY.md).
//
// Every image is reduced to a small grayscale copy and summarised by 64-bit hashes:
//   - pHash (used for matching): the 8×8 lowest frequencies of a 32×32 DCT, each bit "above the
//     median coefficient". Resizing, recompression, light watermarks and colour tweaks barely move
//     the low frequencies; a different design flips about half the bits.
//   - dHash (kept for comparison and future tuning): 9×8 cells, each bit "brighter than its right
//     neighbour". Measured worse than pHash on flat, logo-like images (bench/originality.ts).
// Each hash is taken twice: of the whole picture, and of the box left after trimming uniform
// margins (an added frame, the empty background around a logo), so that a border or a crop of
// background does not shift every cell. Matching takes the closer of the two comparisons.
// Since issue 12 also: the pHashes of the mirrored picture (a flipped copy is looked up with them)
// and grey thumbnails of the whole picture and of the trimmed box, on which the originality guard
// verifies every hash candidate before it flags anything (server/features/originality/verify.ts),
// and (migration 0655) 16×16 grids of CIELAB (a, b) for its colour-layout check.
import sharp from "sharp";
import { type Area, edgesOf, type Planes } from "./edges.ts";

/**
 * Work on a small grayscale copy: 256² keeps the detail of the trimmed box's 128² thumbnail (a
 * logo often fills half the picture) and is still cheap (65 k pixels).
 */
const WORK_SIZE = 256;
/** A margin row/column is "uniform" when at most this share of its pixels differs from the margin colour. */
const MARGIN_OUTLIER_SHARE = 0.04;
/** Grey levels (0–255) within which a pixel counts as the margin colour (JPEG noise, faint watermarks). */
const MARGIN_TOLERANCE = 24;
/** Never trim to less than this share of a side: a nearly empty image keeps its frame. */
const MIN_KEPT_SHARE = 0.15;

export type Fingerprint = Readonly<{
  phash: bigint;
  phashTrim: bigint;
  /** pHash of the mirrored picture (whole, trimmed): a flipped copy is looked up with these. 0n if unknown. */
  phashMirror: bigint;
  phashTrimMirror: bigint;
  dhash: bigint;
  dhashTrim: bigint;
  /** 16×16 normalised grey thumbnails (whole, trimmed): the first verifier's; empty if unknown. */
  signature: Uint8Array;
  signatureTrim: Uint8Array;
  /** THUMB_SIZE² grey thumbnails (whole, trimmed) for the strict verification (verify.ts); empty if unknown. */
  thumb: Uint8Array;
  thumbTrim: Uint8Array;
  /**
   * COLOUR_SIZE² grids of mean CIELAB (a, b) (whole, trimmed), interleaved, each + 128 as a byte:
   * what colour is where, which grey cannot see (verify.ts checks that a copy's colours are the
   * earlier picture's turned by at most a hue-shift edit). Empty if unknown (before migration 0655).
   */
  colour: Uint8Array;
  colourTrim: Uint8Array;
  /**
   * Thin colour edges at stroke resolution (whole, trimmed; server/files/edges.ts), where a name's
   * letters are legible: the guard's last check. Empty if unknown (before migration 0656).
   */
  edges: Uint8Array;
  edgesTrim: Uint8Array;
}>;

const MEDIAN = 5;
export const DEFAULT_MAX_PIXELS = 40_000_000;

export async function fingerprintImage(
  input: Buffer | string,
  options: { maxPixels?: number } = {},
): Promise<Fingerprint> {
  const base = sharp(input, {
    limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
    failOn: "error",
  })
    .rotate()
    // Transparent areas count as white, as a viewer on a white page sees them.
    .flatten({ background: "#ffffff" });
  const pixels = (picture: ReturnType<typeof sharp>) => picture.raw().toBuffer({ resolveWithObject: true });
  const colour = () => base.clone().toColourspace("srgb").removeAlpha();
  const square = { fit: "fill", kernel: "linear" } as const;
  const [{ data, info }, rgb, detailRgb] = await Promise.all([
    // A 5×5 median (at 256²) takes out thin strokes (a tiled watermark's letters) and JPEG speckle.
    pixels(base.clone().grayscale().resize(WORK_SIZE, WORK_SIZE, square).median(MEDIAN)),
    // The same picture in colour, same size and median, for the (a, b) grids.
    pixels(colour().resize(WORK_SIZE, WORK_SIZE, square).median(MEDIAN)),
    // For the edge maps: aspect kept, no median (it would merge a word's letters).
    pixels(colour().resize(EDGE_WORK_SIZE, EDGE_WORK_SIZE, { fit: "inside", kernel: "cubic" })),
  ]);
  const grey = info.channels === 1 ? data : takeFirstChannel(data, info.channels);
  const image: Grey = { data: grey, width: info.width, height: info.height };
  const full = { x0: 0, y0: 0, x1: image.width, y1: image.height };
  const trimmed = trimMargins(image);
  const lab = labPlanes(rgb.data, rgb.info.width, rgb.info.height, rgb.info.channels);
  const detailLab = labPlanes(
    detailRgb.data,
    detailRgb.info.width,
    detailRgb.info.height,
    detailRgb.info.channels,
  );
  const onDetail = (b: Box): Area => ({
    x0: (b.x0 * detailLab.width) / image.width,
    x1: (b.x1 * detailLab.width) / image.width,
    y0: (b.y0 * detailLab.height) / image.height,
    y1: (b.y1 * detailLab.height) / image.height,
  });
  return Object.freeze({
    dhash: dhashOf(image, full),
    dhashTrim: dhashOf(image, trimmed),
    phash: phashOf(image, full),
    phashTrim: phashOf(image, trimmed),
    phashMirror: phashOf(image, full, true),
    phashTrimMirror: phashOf(image, trimmed, true),
    signature: signatureOf(image, full),
    signatureTrim: signatureOf(image, trimmed),
    thumb: thumbOf(image, full, THUMB_SIZE),
    thumbTrim: thumbOf(image, trimmed, THUMB_TRIM_SIZE),
    colour: colourOf(lab, full),
    colourTrim: colourOf(lab, trimmed),
    edges: edgesOf(detailLab, onDetail(full)),
    edgesTrim: edgesOf(detailLab, onDetail(trimmed)),
  });
}

/** Side of the colour grids: 16 × 16 cells of (a, b), 512 bytes. */
export const COLOUR_SIZE = 16;

/** Longer side of the picture the edge maps are drawn from (its trimmed box is often half of it). */
const EDGE_WORK_SIZE = 512;

/** COLOUR_SIZE² mean (a, b) over `box`, interleaved, as stored (each + 128, clipped to a byte). */
function colourOf(lab: Planes, box: Box): Uint8Array {
  const plane = (p: Float32Array): Grey => ({ data: p, width: lab.width, height: lab.height });
  const a = cellMeans(plane(lab.a), box, COLOUR_SIZE, COLOUR_SIZE);
  const b = cellMeans(plane(lab.b), box, COLOUR_SIZE, COLOUR_SIZE);
  const out = new Uint8Array(2 * COLOUR_SIZE * COLOUR_SIZE);
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(128 + v)));
  for (let i = 0; i < a.length; i++) {
    out[2 * i] = byte(a[i] as number);
    out[2 * i + 1] = byte(b[i] as number);
  }
  return out;
}

const LINEAR = Float64Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const labF = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);

/** CIELAB (D65) planes of an sRGB picture. */
function labPlanes(rgb: Uint8Array, width: number, height: number, channels: number): Planes {
  const n = width * height;
  const l = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = LINEAR[rgb[i * channels] as number] as number;
    const g = LINEAR[rgb[i * channels + 1] as number] as number;
    const bl = LINEAR[rgb[i * channels + 2] as number] as number;
    const fx = labF((0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047);
    const fy = labF(0.2126 * r + 0.7152 * g + 0.0722 * bl);
    const fz = labF((0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883);
    l[i] = 116 * fy - 16;
    a[i] = 500 * (fx - fy);
    b[i] = 200 * (fy - fz);
  }
  return { l, a, b, width, height };
}

export const SIGNATURE_SIZE = 16;
/** Side of the whole picture's verification thumbnail: 64 × 64 grey bytes. */
export const THUMB_SIZE = 64;
/** Side of the trimmed box's: 128 × 128 (16 KiB, less once TOAST compresses), where words are legible. */
export const THUMB_TRIM_SIZE = 128;

/** size² mean grey over `box`, as bytes (aspect ignored, as for the hashes). */
export function thumbOf(g: Grey, box: Box, size: number): Uint8Array {
  const cells = cellMeans(g, box, size, size);
  return Uint8Array.from(cells, (v) => Math.round(v));
}

/**
 * A SIGNATURE_SIZE² grid of mean grey over `box`, normalised (mean 128, one standard deviation =
 * 32 levels) and stored as bytes: 256 bytes that say what the picture looks like, compared by
 * correlation once the hash has found a candidate.
 */
export function signatureOf(g: Grey, box: Box): Uint8Array {
  const cells = cellMeans(g, box, SIGNATURE_SIZE, SIGNATURE_SIZE);
  let mean = 0;
  for (const v of cells) mean += v;
  mean /= cells.length;
  let variance = 0;
  for (const v of cells) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / cells.length) || 1;
  const out = new Uint8Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    out[i] = Math.max(0, Math.min(255, Math.round(128 + (((cells[i] as number) - mean) / sd) * 32)));
  }
  return out;
}

/** Pearson correlation of two signatures (−1…1); undefined when either is missing or flat. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number | undefined {
  if (a.length === 0 || a.length !== b.length) return undefined;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : undefined;
}

/** The better of the whole-image and the trimmed correlation. */
export function similarity(a: Fingerprint, b: Fingerprint): number | undefined {
  const whole = correlation(a.signature, b.signature);
  const trimmed = correlation(a.signatureTrim, b.signatureTrim);
  if (whole === undefined) return trimmed;
  if (trimmed === undefined) return whole;
  return Math.max(whole, trimmed);
}

export type Grey = { data: ArrayLike<number>; width: number; height: number };
export type Box = { x0: number; y0: number; x1: number; y1: number };

function takeFirstChannel(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels] as number;
  return out;
}

const at = (g: Grey, x: number, y: number) => g.data[y * g.width + x] as number;

/** Mean grey of a cols×rows grid laid over `box`; `mirror` reads the box right to left. */
function cellMeans(g: Grey, box: Box, cols: number, rows: number, mirror = false): Float64Array {
  const cells = new Float64Array(cols * rows);
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  for (let r = 0; r < rows; r++) {
    const ya = box.y0 + Math.floor((r * h) / rows);
    const yb = Math.max(ya + 1, box.y0 + Math.floor(((r + 1) * h) / rows));
    for (let c = 0; c < cols; c++) {
      const xa = box.x0 + Math.floor((c * w) / cols);
      const xb = Math.max(xa + 1, box.x0 + Math.floor(((c + 1) * w) / cols));
      let sum = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) sum += at(g, x, y);
      cells[r * cols + (mirror ? cols - 1 - c : c)] = sum / ((yb - ya) * (xb - xa));
    }
  }
  return cells;
}

const DCT_N = 32;
const COS = (() => {
  const table = new Float64Array(DCT_N * DCT_N);
  for (let k = 0; k < DCT_N; k++)
    for (let n = 0; n < DCT_N; n++)
      table[k * DCT_N + n] = Math.cos((Math.PI * (2 * n + 1) * k) / (2 * DCT_N));
  return table;
})();

/** pHash: 32×32 grid, 2-D DCT, the 8×8 lowest frequencies (without the mean) against their median. */
export function phashOf(g: Grey, box: Box, mirror = false): bigint {
  const px = cellMeans(g, box, DCT_N, DCT_N, mirror);
  const rowsOut = new Float64Array(DCT_N * 8);
  for (let y = 0; y < DCT_N; y++)
    for (let k = 0; k < 8; k++) {
      let s = 0;
      for (let x = 0; x < DCT_N; x++) s += (px[y * DCT_N + x] as number) * (COS[k * DCT_N + x] as number);
      rowsOut[y * 8 + k] = s;
    }
  const coeffs: number[] = [];
  for (let ky = 0; ky < 9; ky++)
    for (let kx = 0; kx < 8; kx++) {
      if (coeffs.length === 64) break;
      if (ky === 0 && kx === 0) continue;
      let s = 0;
      for (let y = 0; y < DCT_N; y++) s += (rowsOut[y * 8 + kx] as number) * (COS[ky * DCT_N + y] as number);
      coeffs.push(s);
    }
  const median = [...coeffs].sort((a, b) => a - b)[32] as number;
  let hash = 0n;
  for (const c of coeffs) hash = (hash << 1n) | (c > median ? 1n : 0n);
  return hash;
}

/** Mean grey of the cells of a 9×8 grid laid over `box`, then one bit per horizontal neighbour pair. */
export function dhashOf(g: Grey, box: Box): bigint {
  const cols = 9;
  const rows = 8;
  const cells = cellMeans(g, box, cols, rows);
  let hash = 0n;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols - 1; c++) {
      hash <<= 1n;
      if ((cells[r * cols + c] as number) > (cells[r * cols + c + 1] as number)) hash |= 1n;
    }
  }
  return hash;
}

/**
 * The box left after removing uniform margins: a row (column) at the edge is cut while nearly all
 * its pixels are close to its own median grey. Repeated until nothing changes, so a black frame
 * around a white margin around the design comes off, and so does a background gradient that runs
 * along the edge. JPEG noise and a few outlying pixels do not stop the cut.
 */
export function trimMargins(g: Grey): Box {
  const box = { x0: 0, y0: 0, x1: g.width, y1: g.height };
  const minW = Math.ceil(g.width * MIN_KEPT_SHARE);
  const minH = Math.ceil(g.height * MIN_KEPT_SHARE);
  const row = (y: number) => lineUniform(box.x0, box.x1, (x) => at(g, x, y));
  const col = (x: number) => lineUniform(box.y0, box.y1, (y) => at(g, x, y));
  const before = { ...box };
  do {
    Object.assign(before, box);
    while (box.y1 - box.y0 > minH && row(box.y0)) box.y0++;
    while (box.y1 - box.y0 > minH && row(box.y1 - 1)) box.y1--;
    while (box.x1 - box.x0 > minW && col(box.x0)) box.x0++;
    while (box.x1 - box.x0 > minW && col(box.x1 - 1)) box.x1--;
  } while (box.x0 !== before.x0 || box.x1 !== before.x1 || box.y0 !== before.y0 || box.y1 !== before.y1);
  return box;
}

const lineValues = new Uint8Array(4096);
function lineUniform(from: number, to: number, pixel: (i: number) => number): boolean {
  const n = to - from;
  for (let i = 0; i < n; i++) lineValues[i] = pixel(from + i);
  const values = lineValues.subarray(0, n).sort();
  const median = values[n >> 1] as number;
  const allowed = Math.floor(n * MARGIN_OUTLIER_SHARE);
  let outliers = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs((values[i] as number) - median) > MARGIN_TOLERANCE && ++outliers > allowed) return false;
  }
  return true;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}

/** The distance the guard uses: the closer of the whole-image and the trimmed comparison. */

/** bit(64) literal for PostgreSQL ('0101…'), and back. */
export const toBits = (hash: bigint) => BigInt.asUintN(64, hash).toString(2).padStart(64, "0");
export const fromBits = (bits: string) => BigInt(`0b${bits}`);

/**
 * The distance the guard uses: pHash bits that differ, whole image against whole image or trimmed
 * against trimmed, whichever is closer (the same expression runs in SQL, originality.queries.ts).
 */
export function fingerprintDistance(a: Fingerprint, b: Fingerprint): number {
  return Math.min(hammingDistance(a.phash, b.phash), hammingDistance(a.phashTrim, b.phashTrim));
}
