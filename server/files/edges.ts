// Edge maps at stroke resolution for the originality guard's last check (issue 12;
// docs/ORIGINALITY.md, "The fingerprint" 7 and "The rule" (d)). The grey and colour thumbnails are
// too coarse to read a word: two badges of one template with different names look the same there.
// Here the picture (the whole one, and the trimmed box) is drawn with its aspect kept into
// EDGE_SIZE × EDGE_SIZE, and its colour edges are kept as thin lines (one pixel wide, with their
// direction): a name is ~20 px high, its letters' outlines legible.
//
// Colour edges, not grey: the edge strength is that of the CIELAB colour difference (the largest
// eigenvalue of the colour structure tensor), so a word of about the same lightness as its
// background has edges as strong as a dark one. A hue shift or a change of saturation or brightness
// of the whole picture moves edge strengths a little and their places not at all.
//
// Stored sparse, 4 bytes per edge pixel: x, y, direction (0–7, steps of 22.5° across the edge, mod
// 180°), strength (ΔE per pixel × 4, capped at 255); the strongest MAX_EDGES of a picture at most.

/** Side of the edge maps: the longer side of the (whole or trimmed) picture. */
export const EDGE_SIZE = 256;
/** Weakest edge stored (ΔE per pixel × 4): fainter ones are anti-aliasing and JPEG noise. */
export const MIN_EDGE = 10;
/** A noisy photo has tens of thousands of edge pixels; the strongest are enough to compare. */
const MAX_EDGES = 8000;

export type Planes = Readonly<{
  l: Float32Array;
  a: Float32Array;
  b: Float32Array;
  width: number;
  height: number;
}>;
/** A box in the planes' pixels. */
export type Area = Readonly<{ x0: number; y0: number; x1: number; y1: number }>;

/** The thin colour edges of `area`, drawn with its aspect kept and centred in EDGE_SIZE². */
export function edgesOf(planes: Planes, area: Area): Uint8Array {
  const n = EDGE_SIZE;
  const drawn = [planes.l, planes.a, planes.b].map((p) => draw(p, planes.width, planes.height, area));
  const strength = new Float32Array(n * n);
  const across = new Float32Array(n * n); // direction across the edge, radians mod π
  for (let y = 1; y < n - 1; y++)
    for (let x = 1; x < n - 1; x++) {
      const i = y * n + x;
      // Colour structure tensor from Sobel gradients of L, a and b.
      let xx = 0;
      let yy = 0;
      let xy = 0;
      for (const p of drawn) {
        const gx =
          ((p[i - n + 1] as number) +
            2 * (p[i + 1] as number) +
            (p[i + n + 1] as number) -
            (p[i - n - 1] as number) -
            2 * (p[i - 1] as number) -
            (p[i + n - 1] as number)) /
          8;
        const gy =
          ((p[i + n - 1] as number) +
            2 * (p[i + n] as number) +
            (p[i + n + 1] as number) -
            (p[i - n - 1] as number) -
            2 * (p[i - n] as number) -
            (p[i - n + 1] as number)) /
          8;
        xx += gx * gx;
        yy += gy * gy;
        xy += gx * gy;
      }
      strength[i] = Math.sqrt((xx + yy) / 2 + Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy));
      across[i] = 0.5 * Math.atan2(2 * xy, xx - yy);
    }
  const edges: [number, number, number, number][] = [];
  for (let y = 2; y < n - 2; y++)
    for (let x = 2; x < n - 2; x++) {
      const i = y * n + x;
      const s = strength[i] as number;
      const level = Math.min(255, Math.round(s * 4));
      if (level < MIN_EDGE) continue;
      // Thin: keep a pixel only where the strength peaks across the edge.
      const ux = Math.cos(across[i] as number);
      const uy = Math.sin(across[i] as number);
      if (s < bilinear(strength, n, x + ux, y + uy) || s < bilinear(strength, n, x - ux, y - uy)) continue;
      const direction = Math.floor((((across[i] as number) + Math.PI) % Math.PI) / (Math.PI / 8)) % 8;
      edges.push([x, y, direction, level]);
    }
  if (edges.length > MAX_EDGES) edges.sort((p, q) => q[3] - p[3]).splice(MAX_EDGES);
  return Uint8Array.from(edges.flat());
}

function bilinear(p: Float32Array, n: number, fx: number, fy: number): number {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const ax = fx - x0;
  const ay = fy - y0;
  const j = y0 * n + x0;
  return (
    (p[j] as number) * (1 - ax) * (1 - ay) +
    (p[j + 1] as number) * ax * (1 - ay) +
    (p[j + n] as number) * (1 - ax) * ay +
    (p[j + n + 1] as number) * ax * ay
  );
}

/**
 * `area` of a plane area-averaged into EDGE_SIZE², aspect kept (the longer side fills it), centred;
 * outside the area the nearest pixel of its edge is repeated, so the padding adds no edges.
 */
function draw(p: Float32Array, width: number, height: number, area: Area): Float32Array {
  const n = EDGE_SIZE;
  const w = area.x1 - area.x0;
  const h = area.y1 - area.y0;
  const k = Math.max(w, h) / n; // plane pixels per map pixel
  const left = (n - w / k) / 2;
  const top = (n - h / k) / 2;
  const out = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    const ya = Math.min(area.y1 - k, Math.max(area.y0, area.y0 + (y - top) * k));
    for (let x = 0; x < n; x++) {
      const xa = Math.min(area.x1 - k, Math.max(area.x0, area.x0 + (x - left) * k));
      let sum = 0;
      let count = 0;
      const yEnd = Math.max(Math.floor(ya) + 1, Math.ceil(ya + k));
      const xEnd = Math.max(Math.floor(xa) + 1, Math.ceil(xa + k));
      for (let yy = Math.floor(ya); yy < yEnd; yy++)
        for (let xx = Math.floor(xa); xx < xEnd; xx++) {
          // Clamped: an area thinner than a map pixel (a 4000 × 10 banner) reads its nearest row.
          const row = Math.max(0, Math.min(height - 1, yy));
          sum += p[row * width + Math.max(0, Math.min(width - 1, xx))] as number;
          count++;
        }
      out[y * n + x] = sum / count;
    }
  }
  return out;
}
