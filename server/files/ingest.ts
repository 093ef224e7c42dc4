// The one upload pipeline, with no HTTP in it: a file (a staged path or bytes in memory) is
// recognised by its first bytes, checked against the allow-list and the limits, stored under its
// sha256, and — for raster images — measured (decompression bombs), given a thumbnail, a
// watermarked preview and a watermarked thumbnail, and fingerprinted for the originality guard.
// Entries and handovers (through http/uploads.ts) and the demo seed use it; so will messages,
// deliveries and dispute evidence. Every refusal is an AppError:
//   empty → 400; wrong or unknown type → 415 unsupported_media_type; too many bytes → 413
//   payload_too_large; too many pixels or damaged image → 400 invalid_input.
// It stores bytes but writes no rows: saveFiles(tx, …) records them in the caller's transaction.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import sharp from "sharp";
import { AppError, invalidInput } from "../core/errors.ts";
import { fingerprintImage } from "./fingerprint.ts";
import { inspectImage, makeMarkedThumbnail, makePreview, makeThumbnail } from "./images.ts";
import { DEFAULT_UPLOAD_LIMITS } from "./limits.ts";
import {
  ALL_TYPES,
  detectMediaType,
  type FileMediaType,
  mediaKind,
  sanitiseFileName,
} from "./media-types.ts";
import type { FileStorage } from "./storage.ts";
import type { DerivedImage, StoredFile } from "./stored-file.ts";

export type IngestOptions = Readonly<{
  /** The name the client gave (sanitised; the extension follows the detected type). */
  name?: string;
  /** How the file is called in error messages ("File 2"). */
  label?: string;
  /** Media types accepted (default: every known one). */
  accept?: readonly FileMediaType[];
  /** Width × height of an image (default DEFAULT_UPLOAD_LIMITS.maxPixels; see maxPixelsForCategory). */
  maxPixels?: number;
  /** Bytes of the file (default DEFAULT_UPLOAD_LIMITS.maxFileBytes). */
  maxFileBytes?: number;
}>;

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function fileTooLarge(label: string, maxFileBytes: number) {
  return new AppError("payload_too_large", `${label} is larger than ${mb(maxFileBytes)}`, { maxFileBytes });
}

/**
 * Check and store one file. A `{ path }` source is a staged file the storage may move away (the
 * caller removes it afterwards if it is still there); a Buffer is bytes in memory.
 */
export async function ingestFile(
  storage: FileStorage,
  source: Buffer | { path: string },
  options: IngestOptions = {},
): Promise<StoredFile> {
  const label = options.label ?? "The file";
  const maxPixels = options.maxPixels ?? DEFAULT_UPLOAD_LIMITS.maxPixels;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_UPLOAD_LIMITS.maxFileBytes;
  const accept = new Set(options.accept ?? ALL_TYPES);
  const input = Buffer.isBuffer(source) ? source : source.path;
  const byteSize = Buffer.isBuffer(source) ? source.length : (await fs.stat(source.path)).size;
  if (byteSize === 0) throw invalidInput(`${label} is empty`);
  if (byteSize > maxFileBytes) throw fileTooLarge(label, maxFileBytes);

  const mediaType = detectMediaType(await headOf(source));
  if (!mediaType || !accept.has(mediaType)) {
    const allowed = [...accept].map((t) => mediaKind(t).extension.toUpperCase()).join(", ");
    throw new AppError(
      "unsupported_media_type",
      `${label}${options.name ? ` (${options.name.slice(0, 80)})` : ""} is not an accepted file type (by its content). Accepted: ${allowed}`,
      { detected: mediaType ?? null, accepted: [...accept] },
    );
  }
  const kind = mediaKind(mediaType);
  const originalName = sanitiseFileName(options.name, kind);
  const file = { id: randomUUID(), mediaType, originalName };
  if (!kind.image) {
    const blob = await storage.put(source);
    return {
      ...file,
      ...blob,
      width: null,
      height: null,
      thumbnail: null,
      preview: null,
      markedThumbnail: null,
      fingerprint: null,
    };
  }
  const info = await inspectImage(input, maxPixels, label);
  const [thumbnail, preview, fingerprint] = await imageSlots.run(() =>
    Promise.all([
      makeThumbnail(input, maxPixels),
      makePreview(input, maxPixels),
      fingerprintImage(input, { maxPixels }).catch(() => {
        throw invalidInput(`${label}: the image data is damaged or cannot be decoded`);
      }),
    ]),
  );
  // Made from the small thumbnail: cheap, and what everyone but the original's holders sees.
  const markedThumbnail = await makeMarkedThumbnail(thumbnail);
  const blob = await storage.put(source);
  return {
    ...file,
    ...blob,
    width: info.width,
    height: info.height,
    thumbnail: await storeDerived(storage, thumbnail),
    preview: await storeDerived(storage, preview),
    markedThumbnail: await storeDerived(storage, markedThumbnail),
    fingerprint,
  };
}

async function headOf(source: Buffer | { path: string }): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source.subarray(0, 4096);
  const head = Buffer.alloc(4096);
  const handle = await fs.open(source.path, "r");
  try {
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Store a derived WebP and describe it. */
export async function storeDerived(storage: FileStorage, bytes: Buffer): Promise<DerivedImage> {
  const meta = await sharp(bytes).metadata();
  const blob = await storage.put(bytes);
  return {
    id: randomUUID(),
    sha256: blob.sha256,
    byteSize: blob.byteSize,
    mediaType: "image/webp",
    width: meta.width as number,
    height: meta.height as number,
  };
}

/**
 * Decoding a large image takes memory (a 40 MP frame is ~120 MB of pixels): only a few images are
 * decoded at once per process; the others wait their turn.
 */
const imageSlots = (() => {
  const max = Math.max(2, Math.min(4, os.availableParallelism()));
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      // A finished job hands its slot straight to the next waiter, so `running` never exceeds max.
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else running++;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
})();
