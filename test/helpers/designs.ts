// Synthetic "contest entries" for measuring the originality guard (bench/originality.ts and
// server/features/originality/originality.test.ts): distinct designs in the styles contests get
// (centred emblems, horizontal lock-ups, badges, posters, patterns, monograms, abstract blobs),
// and the edits a copier makes (resize, recompression, watermark, small crop, colour tweak, border).
// Deterministic: the same seed gives the same set.
import sharp from "sharp";
import { mulberry32 } from "./random.ts";

export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    range: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => Math.floor(lo + (hi - lo + 1) * next()),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const SIZES = [
  [512, 512],
  [640, 480],
  [480, 640],
  [800, 600],
  [600, 600],
  [720, 405],
] as const;
const FONTS = ["DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "DejaVu Sans Mono"];
const SYLLABLES = [
  "lan",
  "qing",
  "mo",
  "ra",
  "zen",
  "tao",
  "vi",
  "sol",
  "ka",
  "ne",
  "lu",
  "po",
  "xin",
  "hua",
  "or",
  "el",
];
const TAGLINES = ["design studio", "tea house", "since 2019", "coffee & more", "tech lab", "fresh market"];

const hsl = (r: Rng, s: [number, number], l: [number, number]) =>
  `hsl(${r.int(0, 359)},${r.int(s[0], s[1])}%,${r.int(l[0], l[1])}%)`;
const word = (r: Rng) => {
  const w = Array.from({ length: r.int(2, 3) }, () => r.pick(SYLLABLES)).join("");
  return w[0]?.toUpperCase() + w.slice(1);
};
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A shape of the template's `kind`; its details (tilt, points) from the composition `r`. */
function shape(kind: number, r: Rng, cx: number, cy: number, size: number, fill: string): string {
  switch (kind) {
    case 0:
      return `<circle cx="${cx}" cy="${cy}" r="${size / 2}" fill="${fill}"/>`;
    case 1:
      return `<rect x="${cx - size / 2}" y="${cy - size / 2}" width="${size}" height="${size * r.range(0.5, 1)}" rx="${r.range(0, size / 4)}" fill="${fill}" transform="rotate(${r.int(-30, 30)} ${cx} ${cy})"/>`;
    case 2: {
      const pts = [0, 1, 2].map((i) => {
        const a = r.range(0, 0.3) + (i * 2 * Math.PI) / 3;
        return `${cx + (Math.cos(a) * size) / 2},${cy + (Math.sin(a) * size) / 2}`;
      });
      return `<polygon points="${pts.join(" ")}" fill="${fill}"/>`;
    }
    case 3: {
      const n = r.int(5, 8);
      const pts = Array.from({ length: n * 2 }, (_, i) => {
        const rad = i % 2 ? size / 4 : size / 2;
        const a = (i * Math.PI) / n;
        return `${cx + Math.cos(a) * rad},${cy + Math.sin(a) * rad}`;
      });
      return `<polygon points="${pts.join(" ")}" fill="${fill}"/>`;
    }
    case 4:
      return `<circle cx="${cx}" cy="${cy}" r="${size / 2.4}" fill="none" stroke="${fill}" stroke-width="${size / r.int(6, 12)}"/>`;
    case 5: {
      const d = Array.from({ length: 4 }, (_, i) => {
        const x = cx - size / 2 + (i * size) / 3;
        return `${i ? "Q" : "M"}${i ? `${x - size / 6},${cy + (i % 2 ? -1 : 1) * size * 0.4} ` : ""}${x},${cy}`;
      }).join(" ");
      return `<path d="${d}" fill="none" stroke="${fill}" stroke-width="${size / 8}" stroke-linecap="round"/>`;
    }
    default: {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (i * Math.PI) / 3 + r.range(0, 0.5);
        return `${cx + (Math.cos(a) * size) / 2},${cy + (Math.sin(a) * size) / 2}`;
      });
      return `<polygon points="${pts.join(" ")}" fill="${fill}"/>`;
    }
  }
}

function background(r: Rng, w: number, h: number, light: boolean): { defs: string; body: string } {
  if (r.chance(0.5)) {
    const fill = light ? hsl(r, [0, 40], [88, 100]) : hsl(r, [30, 80], [15, 45]);
    return { defs: "", body: `<rect width="${w}" height="${h}" fill="${fill}"/>` };
  }
  const a = light ? hsl(r, [10, 60], [80, 98]) : hsl(r, [40, 90], [20, 55]);
  const b = light ? hsl(r, [10, 60], [75, 95]) : hsl(r, [40, 90], [30, 65]);
  const [x2, y2] = r.pick([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);
  return {
    defs: `<linearGradient id="bg" x1="0" y1="0" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`,
    body: `<rect width="${w}" height="${h}" fill="url(#bg)"/>`,
  };
}

type Template = Readonly<{
  w: number;
  h: number;
  layout: number;
  light: boolean;
  bg: { defs: string; body: string };
  /** Colours used in turn (palette[0] first). */
  palette: readonly string[];
  /** Shape kinds used in turn. */
  kinds: readonly number[];
  font: string;
  weight: string;
}>;

/** What designs "from the same template" share: size, layout family, background, palette, shape kinds, font. */
function templateOf(seed: number): Template {
  const r = rng(seed * 7919 + 17);
  const [w, h] = r.pick(SIZES);
  const layout = r.int(0, 6);
  const light = layout <= 3 ? r.chance(0.8) : r.chance(0.4);
  const bg = background(r, w, h, light);
  const palette = Array.from({ length: 6 }, () =>
    light ? hsl(r, [40, 95], [15, 50]) : hsl(r, [30, 95], [60, 92]),
  );
  const kinds = Array.from({ length: 4 }, () => r.int(0, 6));
  return { w, h, layout, light, bg, palette, kinds, font: r.pick(FONTS), weight: r.pick(["normal", "bold"]) };
}

/**
 * One design as SVG. The template (layout family, background, palette, shape kinds, font) comes from
 * `seed`; the composition (positions, sizes, words) from `composition`. designSvg(s) is a design;
 * designSvg(s, other) is a *different* design from the same template — the hard negatives of the
 * evaluation (same look, other name and arrangement), as contest entries on one brief often are.
 */
export function designSvg(seed: number, composition = seed): string {
  const t = templateOf(seed);
  const r = rng(composition * 6007 + 29);
  const { w, h } = t;
  let colour = 0;
  let kindAt = 0;
  const ink = () => t.palette[colour++ % t.palette.length] as string;
  const kind = () => t.kinds[kindAt++ % t.kinds.length] as number;
  const label = (x: number, y: number, size: number, fill: string, content: string, anchor = "middle") =>
    `<text x="${x}" y="${y}" font-family="${t.font}" font-size="${size}" font-weight="${t.weight}" fill="${fill}" text-anchor="${anchor}">${esc(content)}</text>`;
  const m = Math.min(w, h);
  const parts: string[] = [];
  const name = word(r);
  switch (t.layout) {
    case 0: {
      // Centred emblem above a wordmark.
      const cy = h * r.range(0.3, 0.45);
      for (let i = 0; i < r.int(1, 3); i++)
        parts.push(
          shape(
            kind(),
            r,
            w / 2 + r.range(-m / 10, m / 10),
            cy + r.range(-m / 10, m / 10),
            m * r.range(0.2, 0.4),
            ink(),
          ),
        );
      parts.push(label(w / 2, h * r.range(0.7, 0.8), m * r.range(0.08, 0.14), ink(), name));
      if (r.chance(0.5)) parts.push(label(w / 2, h * 0.88, m * 0.05, ink(), r.pick(TAGLINES)));
      break;
    }
    case 1: {
      // Horizontal lock-up: icon left, name right.
      const x = w * r.range(0.15, 0.3);
      parts.push(shape(kind(), r, x, h / 2, m * r.range(0.25, 0.4), ink()));
      if (r.chance(0.5))
        parts.push(shape(kind(), r, x + r.range(-20, 20), h / 2 + r.range(-20, 20), m * 0.15, ink()));
      parts.push(label(x + m * 0.25, h / 2 + m * 0.04, m * r.range(0.09, 0.14), ink(), name, "start"));
      break;
    }
    case 2: {
      // Badge: ring with the name inside.
      const rad = m * r.range(0.3, 0.42);
      const col = ink();
      parts.push(
        `<circle cx="${w / 2}" cy="${h / 2}" r="${rad}" fill="${r.chance(0.5) ? col : "none"}" stroke="${col}" stroke-width="${m * 0.03}"/>`,
      );
      parts.push(
        `<circle cx="${w / 2}" cy="${h / 2}" r="${rad * 0.8}" fill="none" stroke="${ink()}" stroke-width="${m * 0.01}"/>`,
      );
      parts.push(label(w / 2, h / 2 + m * 0.03, m * 0.09, ink(), name));
      parts.push(shape(kind(), r, w / 2, h / 2 - rad * 0.45, m * 0.1, ink()));
      break;
    }
    case 3: {
      // Monogram: one or two big letters in a shape.
      parts.push(shape(kind(), r, w / 2 + r.range(-m / 8, m / 8), h / 2, m * r.range(0.5, 0.75), ink()));
      const letters = name.slice(0, r.int(1, 2)).toUpperCase();
      parts.push(
        label(w / 2 + r.range(-m / 10, m / 10), h / 2 + m * 0.12, m * r.range(0.3, 0.4), ink(), letters),
      );
      break;
    }
    case 4: {
      // Poster: large shapes anywhere, a big title.
      for (let i = 0; i < r.int(3, 7); i++)
        parts.push(shape(kind(), r, r.range(0, w), r.range(0, h), m * r.range(0.2, 0.6), ink()));
      parts.push(
        label(r.range(w * 0.3, w * 0.7), r.range(h * 0.2, h * 0.9), m * r.range(0.1, 0.18), ink(), name),
      );
      break;
    }
    case 5: {
      // Pattern: a grid of small marks, an accent, a name band.
      const cols = r.int(3, 6);
      const rows = r.int(3, 6);
      const a = ink();
      const b = ink();
      for (let i = 0; i < cols; i++)
        for (let j = 0; j < rows; j++)
          if (r.chance(0.75))
            parts.push(
              shape(
                kind(),
                r,
                ((i + 0.5) * w) / cols,
                ((j + 0.5) * h) / rows,
                (m / Math.max(cols, rows)) * r.range(0.4, 0.9),
                r.chance(0.5) ? a : b,
              ),
            );
      const y = h * r.range(0.3, 0.7);
      parts.push(`<rect x="0" y="${y - m * 0.08}" width="${w}" height="${m * 0.14}" fill="${ink()}"/>`);
      parts.push(label(w / 2, y + m * 0.03, m * 0.09, t.light ? "#fff" : "#111", name));
      break;
    }
    default: {
      // Abstract blobs.
      for (let i = 0; i < r.int(2, 5); i++) {
        const pts = Array.from({ length: 5 }, () => `${r.range(0, w)},${r.range(0, h)}`);
        parts.push(
          `<path d="M${pts[0]} Q${pts[1]} ${pts[2]} T${pts[3]} T${pts[4]} Z" fill="${ink()}" opacity="${r.range(0.6, 1)}"/>`,
        );
      }
      parts.push(label(w * r.range(0.3, 0.7), h * r.range(0.3, 0.8), m * 0.1, ink(), name));
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${t.bg.defs}</defs>${t.bg.body}${parts.join("")}</svg>`;
}

export async function renderDesign(seed: number, composition = seed): Promise<Buffer> {
  return sharp(Buffer.from(designSvg(seed, composition)))
    .png()
    .toBuffer();
}

export const VARIANT_KINDS = [
  "resize",
  "jpeg",
  "watermark",
  "crop",
  "colour",
  "border",
  "mirror",
  "rotate",
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

function watermarkSvg(w: number, h: number, label: string, opacity: number, angle: number) {
  const rows: string[] = [];
  const step = Math.max(80, Math.round(Math.min(w, h) / 4));
  for (let y = -h; y < 2 * h; y += step)
    for (let x = -w; x < 2 * w; x += step * 3)
      rows.push(
        `<text x="${x + (y % (2 * step) ? step : 0)}" y="${y}" font-family="DejaVu Sans" font-size="${step / 4}" fill="#fff" stroke="#000" stroke-width="1">${label}</text>`,
      );
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g opacity="${opacity}" transform="rotate(${angle} ${w / 2} ${h / 2})">${rows.join("")}</g></svg>`,
  );
}

/** A copier's edit of `original`; parameters drawn from the seed within the ranges of the brief. */
export async function makeVariant(original: Buffer, kind: VariantKind, seed: number): Promise<Buffer> {
  const r = rng(seed * 104729 + kind.length);
  const meta = await sharp(original).metadata();
  const w = meta.width as number;
  const h = meta.height as number;
  const img = () => sharp(original);
  switch (kind) {
    case "resize": {
      const s = r.pick([r.range(0.25, 0.7), r.range(1.2, 1.6)]);
      return img()
        .resize(Math.round(w * s), Math.round(h * s))
        .png()
        .toBuffer();
    }
    case "jpeg":
      return img()
        .jpeg({ quality: r.int(40, 70) })
        .toBuffer();
    case "watermark": {
      const label = r.pick(["SAMPLE", "© COPY", "PREVIEW", "LIANGJIANG · PREVIEW"]);
      return img()
        .composite([{ input: watermarkSvg(w, h, label, r.range(0.25, 0.5), r.int(-40, 40)) }])
        .png()
        .toBuffer();
    }
    case "crop": {
      const f = r.range(0.04, 0.06);
      const dx = Math.round(w * f);
      const dy = Math.round(h * f);
      const left = r.int(0, dx);
      const top = r.int(0, dy);
      return img()
        .extract({ left, top, width: w - dx, height: h - dy })
        .png()
        .toBuffer();
    }
    case "colour":
      return img()
        .modulate({
          hue: r.pick([-1, 1]) * r.int(10, 40),
          saturation: r.range(0.7, 1.3),
          brightness: r.range(0.85, 1.15),
        })
        .png()
        .toBuffer();
    case "border": {
      const b = Math.round(Math.min(w, h) * r.range(0.03, 0.1));
      const colour = r.pick(["#ffffff", "#000000", `hsl(${r.int(0, 359)},60%,50%)`]);
      return img().extend({ top: b, bottom: b, left: b, right: b, background: colour }).png().toBuffer();
    }
    case "mirror":
      return img().flop().png().toBuffer();
    case "rotate": {
      // Turned by 3–5° either way inside the same frame; the corners take the picture's corner colour.
      const angle = r.pick([-1, 1]) * r.range(3, 5);
      const { data } = await img()
        .extract({ left: 0, top: 0, width: 1, height: 1 })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const background = { r: data[0] ?? 255, g: data[1] ?? 255, b: data[2] ?? 255 };
      const turned = await img().rotate(angle, { background }).png().toBuffer();
      const t = await sharp(turned).metadata();
      return sharp(turned)
        .extract({
          left: Math.floor(((t.width as number) - w) / 2),
          top: Math.floor(((t.height as number) - h) / 2),
          width: w,
          height: h,
        })
        .png()
        .toBuffer();
    }
  }
}

/** One upload of the simulated platform: a design, a hard negative or an edited copy. */
export type Upload<F> = Readonly<{
  /** Which design this picture is (a copy shares its original's). */
  design: number;
  role: "original" | "negative" | VariantKind;
  provider: number;
  contest: number;
  fingerprint: F;
}>;

/** Offset of a hard negative's composition seed: same template as design `s`, composed from s + this. */
const NEGATIVE_OFFSET = 1_000_003;

/**
 * A platform simulated in upload order: `n` designs (each by one provider), a hard negative from
 * each design's template (another provider, another name and arrangement), and every design's edits
 * uploaded later by other providers, all spread over `contests` contests. Deterministic from `seed`;
 * different seeds give disjoint designs (the tuning and held-out halves use seeds far apart).
 */
export async function simulatePlatform<F>(
  n: number,
  fingerprint: (image: Buffer) => Promise<F>,
  options: {
    seed: number;
    providers?: number;
    contests?: number;
    kinds?: readonly VariantKind[];
    concurrency?: number;
  },
): Promise<Upload<F>[]> {
  const kinds = options.kinds ?? VARIANT_KINDS;
  const providers = options.providers ?? 40;
  const contests = options.contests ?? 12;
  const r = rng(options.seed * 31 + 7);
  type Planned = { design: number; role: Upload<F>["role"]; provider: number; render: () => Promise<Buffer> };
  // Designs and negatives first get random places; each copy goes somewhere after its original.
  const slots: { at: number; item: Planned }[] = [];
  const originals = new Map<number, Promise<Buffer>>();
  const originalOf = (i: number) => {
    let png = originals.get(i);
    if (!png) {
      png = renderDesign(options.seed + i);
      originals.set(i, png);
    }
    return png;
  };
  for (let i = 0; i < n; i++) {
    const author = r.int(0, providers - 1);
    const at = r.next();
    slots.push({ at, item: { design: i, role: "original", provider: author, render: () => originalOf(i) } });
    const other = (author + r.int(1, providers - 1)) % providers;
    const seed = options.seed + i;
    slots.push({
      at: r.next(),
      item: {
        design: n + i,
        role: "negative",
        provider: other,
        render: () => renderDesign(seed, seed + NEGATIVE_OFFSET),
      },
    });
    for (const kind of kinds) {
      const copier = (author + r.int(1, providers - 1)) % providers;
      slots.push({
        at: at + (1 - at) * r.next(),
        item: {
          design: i,
          role: kind,
          provider: copier,
          render: async () => makeVariant(await originalOf(i), kind, seed),
        },
      });
    }
  }
  slots.sort((a, b) => a.at - b.at);
  const contestOf = slots.map(() => r.int(0, contests - 1));
  const out: Upload<F>[] = new Array(slots.length);
  let next = 0;
  const worker = async () => {
    while (next < slots.length) {
      const k = next++;
      const { item } = slots[k] as (typeof slots)[number];
      const image = await item.render();
      out[k] = {
        design: item.design,
        role: item.role,
        provider: item.provider,
        contest: contestOf[k] as number,
        fingerprint: await fingerprint(image),
      };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return out;
}

/**
 * The guard's rates on a simulated platform, per design as PRODUCT.md counts them: an upload is
 * flagged when it matches ANY earlier upload by another provider. A copy is caught when it is flagged
 * against its own design (the original or an earlier copy); a distinct design (an original or a
 * hard negative) that is flagged at all is a false flag.
 */
export function platformRates<F>(uploads: readonly Upload<F>[], matches: (later: F, earlier: F) => boolean) {
  const byKind = new Map<string, { caught: number; all: number }>();
  let copies = 0;
  let caught = 0;
  let distinct = 0;
  let falselyFlagged = 0;
  const falseFlags: { upload: number; against: number }[] = [];
  for (let k = 0; k < uploads.length; k++) {
    const u = uploads[k] as Upload<F>;
    let ownHit = false;
    let otherHit = -1;
    for (let j = 0; j < k; j++) {
      const e = uploads[j] as Upload<F>;
      if (e.provider === u.provider) continue;
      if (!matches(u.fingerprint, e.fingerprint)) continue;
      if (e.design === u.design) ownHit = true;
      else if (otherHit < 0) otherHit = j;
      if (ownHit && otherHit >= 0) break;
    }
    if (u.role === "original" || u.role === "negative") {
      distinct++;
      if (ownHit || otherHit >= 0) {
        falselyFlagged++;
        falseFlags.push({ upload: k, against: otherHit });
      }
    } else {
      copies++;
      const kind = byKind.get(u.role) ?? { caught: 0, all: 0 };
      kind.all++;
      if (ownHit) {
        caught++;
        kind.caught++;
      }
      byKind.set(u.role, kind);
    }
  }
  return {
    copies,
    distinct,
    /** Share of edited copies flagged against their own design. */
    hitRate: caught / copies,
    byKind: Object.fromEntries(
      VARIANT_KINDS.filter((k) => byKind.has(k)).map((k) => {
        const v = byKind.get(k) as { caught: number; all: number };
        return [k, v.caught / v.all];
      }),
    ) as Record<VariantKind, number>,
    /** Share of distinct designs flagged against anything earlier by another provider. */
    falseDesignRate: falselyFlagged / distinct,
    falseFlags,
  };
}
