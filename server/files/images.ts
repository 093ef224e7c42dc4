// Raster images: dimension checks against decompression bombs, thumbnail, watermarked preview.
// Decoding is bounded twice: the header's width × height is checked before anything is decoded,
// and sharp's limitInputPixels refuses to decode more than that anyway.
import sharp, { type Metadata } from "sharp";
import { invalidInput } from "../core/errors.ts";

export const THUMBNAIL_SIZE = 400;
export const PREVIEW_SIZE = 1200;
export const WATERMARK_TEXT = "LIANGJIANG · PREVIEW";

/** An animation may hold this many times the per-image pixel limit over all its frames. */
export const ANIMATION_PIXEL_FACTOR = 10;

export type ImageInfo = Readonly<{ width: number; height: number; pages: number }>;

const open = (input: string | Buffer, maxPixels: number) =>
  sharp(input, { limitInputPixels: maxPixels, failOn: "error", sequentialRead: true });

/** Width and height from the header; 400 when it is unreadable or has more pixels than allowed. */
export async function inspectImage(
  input: string | Buffer,
  maxPixels: number,
  label: string,
): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw invalidInput(`${label}: the image data is damaged or incomplete`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width < 1 || height < 1) throw invalidInput(`${label}: the image has no size`);
  if (width * height > maxPixels) {
    const mp = (n: number) => `${(n / 1_000_000).toFixed(1)} MP`;
    throw invalidInput(
      `${label}: ${width}×${height} pixels (${mp(width * height)}) is more than the ${mp(maxPixels)} allowed`,
      { width, height, maxPixels },
    );
  }
  const pages = meta.pages ?? 1;
  if (width * height * pages > maxPixels * ANIMATION_PIXEL_FACTOR) {
    throw invalidInput(
      `${label}: an animation of ${pages} frames of ${width}×${height} pixels is too large`,
      {
        width,
        height,
        pages,
      },
    );
  }
  return { width, height, pages };
}

/** A WebP at most THUMBNAIL_SIZE on its longer side (first frame of an animation). */
export async function makeThumbnail(input: string | Buffer, maxPixels: number): Promise<Buffer> {
  return decodeGuard(() =>
    open(input, maxPixels)
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
  );
}

/**
 * The image as others see it before the handover: at most PREVIEW_SIZE, with "LIANGJIANG ·
 * PREVIEW" tiled diagonally over it, and a hatch pattern so the mark never vanishes even where no
 * font is installed (the text is Latin on purpose: CJK fonts are often missing on servers).
 */
export async function makePreview(input: string | Buffer, maxPixels: number): Promise<Buffer> {
  return decodeGuard(async () => {
    const { data, info } = await open(input, maxPixels)
      .rotate()
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: "inside", withoutEnlargement: true })
      .toBuffer({ resolveWithObject: true });
    return sharp(data)
      .composite([{ input: watermarkOverlay(info.width, info.height) }])
      .webp({ quality: 82 })
      .toBuffer();
  });
}

/**
 * The thumbnail as others see it: the clean thumbnail (at most THUMBNAIL_SIZE, so cheap to decode)
 * with the preview's watermark drawn at its own size.
 */
export async function makeMarkedThumbnail(thumbnail: Buffer): Promise<Buffer> {
  return decodeGuard(async () => {
    const { data, info } = await open(thumbnail, THUMBNAIL_SIZE * THUMBNAIL_SIZE)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .toBuffer({ resolveWithObject: true });
    return sharp(data)
      .composite([{ input: watermarkOverlay(info.width, info.height) }])
      .webp({ quality: 80 })
      .toBuffer();
  });
}

export function watermarkOverlay(width: number, height: number): Buffer {
  const step = Math.max(60, Math.round(Math.min(width, height) / 3.5));
  const font = Math.max(10, Math.round(step / 6));
  const texts: string[] = [];
  const diagonal = Math.ceil(Math.hypot(width, height));
  for (let y = -diagonal; y < diagonal * 2; y += step) {
    for (let x = -diagonal + ((y / step) % 2 ? step : 0); x < diagonal * 2; x += step * 2.2) {
      texts.push(`<text x="${x}" y="${y}">${WATERMARK_TEXT.replace("·", "&#183;")}</text>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><pattern id="h" width="${step / 2}" height="${step / 2}" patternUnits="userSpaceOnUse" patternTransform="rotate(-30)">
<line x1="0" y1="0" x2="0" y2="${step / 2}" stroke="#ffffff" stroke-opacity="0.18" stroke-width="2"/>
<line x1="2" y1="0" x2="2" y2="${step / 2}" stroke="#000000" stroke-opacity="0.12" stroke-width="1"/></pattern></defs>
<rect width="100%" height="100%" fill="url(#h)"/>
<g transform="rotate(-30 ${width / 2} ${height / 2})" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif" font-size="${font}" font-weight="bold" fill="#ffffff" fill-opacity="0.45" stroke="#000000" stroke-opacity="0.35" stroke-width="${Math.max(1, font / 14)}">
${texts.join("\n")}
</g></svg>`;
  return Buffer.from(svg);
}

async function decodeGuard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = (error as Error).message ?? "";
    if (/pixel limit/i.test(message)) throw invalidInput("The image has more pixels than allowed");
    throw invalidInput("The image data is damaged or cannot be decoded");
  }
}
