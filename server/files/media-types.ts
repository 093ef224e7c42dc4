// What a file is, decided by its first bytes (never by its name or the client's Content-Type),
// and how it may be served. Images and PDF are the allow-list; a few design source formats are
// accepted as downloads only; everything else is refused.
import type { FileMediaType } from "../db/schema.ts";

export type { FileMediaType };

export type MediaKind = Readonly<{
  mediaType: FileMediaType;
  extension: string;
  /** A raster image we decode (dimension checks, thumbnail, preview, fingerprint). */
  image: boolean;
  /** May be shown in the browser (Content-Disposition: inline). Everything else is an attachment. */
  inline: boolean;
}>;

const kinds: Record<FileMediaType, MediaKind> = {
  "image/png": { mediaType: "image/png", extension: "png", image: true, inline: true },
  "image/jpeg": { mediaType: "image/jpeg", extension: "jpg", image: true, inline: true },
  "image/webp": { mediaType: "image/webp", extension: "webp", image: true, inline: true },
  "image/gif": { mediaType: "image/gif", extension: "gif", image: true, inline: true },
  // A PDF can carry scripts for the viewer; served as a download.
  "application/pdf": { mediaType: "application/pdf", extension: "pdf", image: false, inline: false },
  "application/zip": { mediaType: "application/zip", extension: "zip", image: false, inline: false },
  // Vector logos are a normal deliverable, but an SVG is a document that can run script: kept,
  // never rendered by us, only ever downloaded (attachment + CSP sandbox + nosniff).
  "image/svg+xml": { mediaType: "image/svg+xml", extension: "svg", image: false, inline: false },
  "image/vnd.adobe.photoshop": {
    mediaType: "image/vnd.adobe.photoshop",
    extension: "psd",
    image: false,
    inline: false,
  },
  "application/postscript": {
    mediaType: "application/postscript",
    extension: "eps",
    image: false,
    inline: false,
  },
};

export function mediaKind(mediaType: FileMediaType): MediaKind {
  return kinds[mediaType];
}

export const IMAGE_TYPES: readonly FileMediaType[] = ["image/png", "image/jpeg", "image/webp", "image/gif"];
export const ALL_TYPES = Object.keys(kinds) as FileMediaType[];

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, text: string, at = 0) => startsWith(head, [...Buffer.from(text, "latin1")], at);

/** The media type of a file from its first bytes (give at least 512), or undefined. */
export function detectMediaType(head: Buffer): FileMediaType | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(head, "RIFF") && ascii(head, "WEBP", 8)) return "image/webp";
  if (ascii(head, "GIF87a") || ascii(head, "GIF89a")) return "image/gif";
  if (ascii(head, "%PDF-")) return "application/pdf";
  // Local file header, or an empty archive's end-of-central-directory record.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return "application/zip";
  if (ascii(head, "8BPS")) return "image/vnd.adobe.photoshop";
  if (ascii(head, "%!PS") || startsWith(head, [0xc5, 0xd0, 0xd3, 0xc6])) return "application/postscript";
  if (looksLikeSvg(head)) return "image/svg+xml";
  return undefined;
}

/** Text (optionally after a BOM, an XML declaration, comments, a DOCTYPE) whose first element is <svg. */
function looksLikeSvg(head: Buffer): boolean {
  let text = head.toString("utf8").replace(/^\uFEFF/, "");
  for (let i = 0; i < 20; i++) {
    text = text.trimStart();
    const skip = /^(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)/i.exec(text);
    if (!skip) break;
    text = text.slice(skip[0].length);
  }
  return /^<svg[\s>]/i.test(text);
}

/**
 * A file name fit for Content-Disposition and display: no path, no control characters, no
 * characters that break headers or shells, at most 120 characters, extension matching the
 * detected type. Chinese names are kept (Content-Disposition carries them as filename*).
 */
export function sanitiseFileName(given: string | undefined, kind: MediaKind): string {
  const base = (given ?? "")
    .normalize("NFC")
    .split(/[/\\]/)
    .pop()
    ?.replace(/[\p{Cc}\p{Cf}"<>:|?*;%]/gu, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .trim();
  const stem =
    (base ?? "")
      .replace(/\.[^.]{1,10}$/, "")
      .slice(0, 100)
      .trim() || "file";
  return `${stem}.${kind.extension}`;
}
