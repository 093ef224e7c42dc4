// Reading uploads (API.md: multipart/form-data, files in the repeatable field `files`, text fields
// beside them). Every file is streamed to a staging file while its size is counted, recognised by
// its first bytes, checked against the allow-list and the limits, and only then stored under its
// sha256. Images get their dimensions checked (decompression bombs), a thumbnail, a watermarked
// preview and a perceptual fingerprint. Every refusal is an AppError in the one error shape:
//   wrong or unknown type → 415 unsupported_media_type; too big (a file, the files together, too
//   many files) → 413 payload_too_large; too many pixels, damaged image, bad fields → 400.
//
// Uploads cost CPU and memory (a 40 MP PNG: ~1.4 s and +320 MB to decode): each account may upload
// UploadQuota files and bytes per hour (429 rate_limited with Retry-After beyond), counted before a
// file is decoded; and only design categories (maxPixelsForCategory) get the full pixel limit.
//
// readUpload() stores bytes but writes no rows: the feature calls saveFiles(tx, …) inside its own
// transaction, so a refused request leaves no rows behind (only unreferenced, content-addressed
// blobs, which a sweep may delete).
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import sharp from "sharp";
import { AppError, invalidInput } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";
import { fingerprintImage } from "../files/fingerprint.ts";
import { inspectImage, makePreview, makeThumbnail } from "../files/images.ts";
import {
  ALL_TYPES,
  detectMediaType,
  type FileMediaType,
  mediaKind,
  sanitiseFileName,
} from "../files/media-types.ts";
import { type LocalFileStorage, PRIVATE_FILE_MODE } from "../files/storage.ts";
import type { DerivedImage, StoredFile } from "../files/stored-file.ts";
import { hit, type Limit, peek } from "./rate-limit.ts";

export type UploadLimits = Readonly<{
  /** Bytes per file. */
  maxFileBytes: number;
  /** Bytes of all files of one request together. */
  maxRequestBytes: number;
  /** Files per request (the feature may ask for fewer). */
  maxFiles: number;
  /** Width × height of an image (first frame). */
  maxPixels: number;
  /** Text fields per request, and bytes per text field. */
  maxFields: number;
  maxFieldBytes: number;
}>;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxRequestBytes: 60 * 1024 * 1024,
  maxFiles: 10,
  maxPixels: 40_000_000,
  maxFields: 20,
  maxFieldBytes: 64 * 1024,
});

const HOUR_MS = 3_600_000;

/**
 * Per account and hour, over every upload route. Bytes are counted in KiB: the counter is a 32-bit
 * integer, and parallel requests may each add up to a request's worth before they are refused.
 */
export const UploadQuota = {
  files: { max: 60, windowMs: HOUR_MS },
  kib: { max: 200 * 1024, windowMs: HOUR_MS },
} as const satisfies Record<string, Limit>;

/** Pixels of one image outside the design categories (a brief's screenshot or a scan is enough). */
export const NON_DESIGN_MAX_PIXELS = 12_000_000;
/** Where the work itself is an image (PRODUCT.md categories): the brand tree and UI design. */
export const DESIGN_CATEGORY_ROOTS: readonly string[] = ["brand"];
export const DESIGN_CATEGORIES: readonly string[] = ["ui-design"];

/** The pixel limit of uploads for a task in `categoryId` (none or unknown: the lower one). */
export async function maxPixelsForCategory(db: Queryable, categoryId: string | null): Promise<number> {
  if (categoryId === null) return NON_DESIGN_MAX_PIXELS;
  const row = await db
    .selectFrom("categories")
    .select(["id", "parent_id"])
    .where("id", "=", categoryId)
    .executeTakeFirst();
  const design =
    row !== undefined &&
    (DESIGN_CATEGORIES.includes(row.id) ||
      DESIGN_CATEGORY_ROOTS.includes(row.id) ||
      (row.parent_id !== null && DESIGN_CATEGORY_ROOTS.includes(row.parent_id)));
  return design ? DEFAULT_UPLOAD_LIMITS.maxPixels : NON_DESIGN_MAX_PIXELS;
}

export type Upload = Readonly<{ fields: Record<string, string>; files: StoredFile[] }>;

export type UploadDeps = Readonly<{
  storage: LocalFileStorage;
  limits?: Partial<UploadLimits>;
  /** Count the files against this account's UploadQuota. */
  quota?: Readonly<{ db: Queryable; accountId: string }>;
}>;

/**
 * Register multipart parsing on an app (or an encapsulated route scope), once. Limits here are the
 * ceiling; readUpload applies the effective ones per request.
 */
export async function registerMultipart(app: FastifyInstance, limits: Partial<UploadLimits> = {}) {
  // Idempotent: app.ts and a feature's scope may both ask for it; the first registration wins.
  if (app.hasRequestDecorator("isMultipart")) return;
  const l = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: {
      fileSize: l.maxFileBytes,
      files: l.maxFiles,
      fields: l.maxFields,
      fieldSize: l.maxFieldBytes,
      parts: l.maxFiles + l.maxFields,
      fieldNameSize: 100,
      headerPairs: 100,
    },
  });
}

export async function readUpload(
  request: FastifyRequest,
  deps: UploadDeps,
  options: {
    maxFiles?: number;
    /** Media types accepted (default: all known; e.g. IMAGE_TYPES for image-only fields). */
    accept?: readonly FileMediaType[];
    /** At least one file required. */
    requireFile?: boolean;
  } = {},
): Promise<Upload> {
  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...deps.limits };
  const maxFiles = Math.min(options.maxFiles ?? limits.maxFiles, limits.maxFiles);
  const accept = new Set(options.accept ?? ALL_TYPES);
  if (typeof request.isMultipart !== "function") {
    throw new Error("readUpload needs @fastify/multipart: call registerMultipart(app) first");
  }
  if (!request.isMultipart()) {
    throw new AppError("unsupported_media_type", "Send files as multipart/form-data (field `files`)");
  }
  const quota = deps.quota;
  const quotaKeys = quota && {
    files: `upload:files:account:${quota.accountId}`,
    kib: `upload:kib:account:${quota.accountId}`,
  };
  if (quota && quotaKeys) {
    // Already over: refuse before reading anything.
    const [fileCount, byteCount] = await Promise.all([
      peek(quota.db, quotaKeys.files, UploadQuota.files),
      peek(quota.db, quotaKeys.kib, UploadQuota.kib),
    ]);
    if (fileCount.limited || byteCount.limited) throw overQuota(fileCount, byteCount);
  }
  const fields: Record<string, string> = {};
  const files: StoredFile[] = [];
  const staged: string[] = [];
  let requestBytes = 0;
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxFileBytes,
        files: maxFiles,
        fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes,
        parts: maxFiles + limits.maxFields,
      },
    });
    for await (const part of parts) {
      if (part.type === "field") {
        if (part.fieldname === "files") throw invalidInput("`files` must carry files, not text");
        if (part.valueTruncated) {
          throw new AppError(
            "payload_too_large",
            `Field ${part.fieldname} is longer than ${limits.maxFieldBytes} bytes`,
          );
        }
        if (!FIELD_NAME.test(part.fieldname)) throw invalidInput("A field name is not acceptable");
        if (Object.hasOwn(fields, part.fieldname))
          throw invalidInput(`Field ${part.fieldname} is given twice`);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const label = `File ${files.length + 1}`;
      if (part.fieldname !== "files") {
        part.file.resume();
        throw invalidInput(`Files go in the field \`files\` (got \`${part.fieldname}\`)`);
      }
      const path = await deps.storage.stagingPath();
      staged.push(path);
      let fileBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          fileBytes += chunk.length;
          requestBytes += chunk.length;
          if (requestBytes > limits.maxRequestBytes) {
            done(
              new AppError(
                "payload_too_large",
                `The files together are larger than ${mb(limits.maxRequestBytes)}`,
              ),
            );
          } else done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, counter, createWriteStream(path, { flags: "wx", mode: PRIVATE_FILE_MODE }));
      } catch (error) {
        throw error instanceof AppError ? error : tooLargeOr(error, label, limits);
      }
      if (part.file.truncated) throw fileTooLarge(label, limits);
      if (quota && quotaKeys) {
        // Counted before the file is decoded: the decoding is the expensive part.
        const now = Date.now();
        const [fileCount, byteCount] = await Promise.all([
          hit(quota.db, quotaKeys.files, UploadQuota.files, now),
          hit(quota.db, quotaKeys.kib, UploadQuota.kib, now, Math.ceil(fileBytes / 1024)),
        ]);
        if (fileCount.limited || byteCount.limited) throw overQuota(fileCount, byteCount);
      }
      files.push(await checkAndStore(path, fileBytes, part.filename, label, accept, deps.storage, limits));
    }
  } catch (error) {
    throw tooLargeOr(error, `File ${files.length + 1}`, limits);
  } finally {
    await Promise.all(staged.map((p) => fs.rm(p, { force: true })));
  }
  if (options.requireFile && files.length === 0)
    throw invalidInput("Attach at least one file in the field `files`");
  return { fields, files };
}

async function checkAndStore(
  path: string,
  byteSize: number,
  givenName: string | undefined,
  label: string,
  accept: ReadonlySet<FileMediaType>,
  storage: LocalFileStorage,
  limits: UploadLimits,
): Promise<StoredFile> {
  if (byteSize === 0) throw invalidInput(`${label} is empty`);
  const head = Buffer.alloc(4096);
  const handle = await fs.open(path, "r");
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  const mediaType = detectMediaType(head.subarray(0, read));
  if (!mediaType || !accept.has(mediaType)) {
    const allowed = [...accept].map((t) => mediaKind(t).extension.toUpperCase()).join(", ");
    throw new AppError(
      "unsupported_media_type",
      `${label}${givenName ? ` (${givenName.slice(0, 80)})` : ""} is not an accepted file type (by its content). Accepted: ${allowed}`,
      { detected: mediaType ?? null, accepted: [...accept] },
    );
  }
  const kind = mediaKind(mediaType);
  const originalName = sanitiseFileName(givenName, kind);
  if (!kind.image) {
    const blob = await storage.put({ path });
    return {
      id: randomUUID(),
      sha256: blob.sha256,
      byteSize: blob.byteSize,
      mediaType,
      originalName,
      width: null,
      height: null,
      thumbnail: null,
      preview: null,
      fingerprint: null,
    };
  }
  const info = await inspectImage(path, limits.maxPixels, label);
  const [thumb, preview, fingerprint] = await imageSlots.run(() =>
    Promise.all([
      makeThumbnail(path, limits.maxPixels),
      makePreview(path, limits.maxPixels),
      fingerprintImage(path, { maxPixels: limits.maxPixels }).catch(() => {
        throw invalidInput(`${label}: the image data is damaged or cannot be decoded`);
      }),
    ]),
  );
  const blob = await storage.put({ path });
  return {
    id: randomUUID(),
    sha256: blob.sha256,
    byteSize: blob.byteSize,
    mediaType,
    originalName,
    width: info.width,
    height: info.height,
    thumbnail: await storeDerived(storage, thumb),
    preview: await storeDerived(storage, preview),
    fingerprint,
  };
}

async function storeDerived(storage: LocalFileStorage, bytes: Buffer): Promise<DerivedImage> {
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
 * Decoding a large image takes memory (a 40 MP frame is ~120 MB of pixels): only a few uploads are
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

function overQuota(
  files: { limited: boolean; retryAfterSeconds: number },
  bytes: { limited: boolean; retryAfterSeconds: number },
) {
  const retryAfterSeconds = Math.max(
    files.limited ? files.retryAfterSeconds : 0,
    bytes.limited ? bytes.retryAfterSeconds : 0,
  );
  return new AppError(
    "rate_limited",
    `Upload limit reached: at most ${UploadQuota.files.max} files and ${mb(UploadQuota.kib.max * 1024)} per hour`,
    {
      retryAfterSeconds,
      maxFilesPerHour: UploadQuota.files.max,
      maxBytesPerHour: UploadQuota.kib.max * 1024,
    },
  );
}

const FIELD_NAME = /^(?!__proto__$|constructor$|prototype$)[A-Za-z][\w.[\]-]{0,99}$/;

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function fileTooLarge(label: string, limits: UploadLimits) {
  return new AppError("payload_too_large", `${label} is larger than ${mb(limits.maxFileBytes)}`, {
    maxFileBytes: limits.maxFileBytes,
  });
}

/** Multipart's own limit errors, in our words; everything else passes through unchanged. */
function tooLargeOr(error: unknown, label: string, limits: UploadLimits): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return fileTooLarge(label, limits);
  if (code === "FST_FILES_LIMIT") return new AppError("payload_too_large", "Too many files in one request");
  if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
    return new AppError("payload_too_large", "Too many fields in one request");
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE")
    return new AppError("unsupported_media_type", "Send files as multipart/form-data (field `files`)");
  // Busboy's complaints about a malformed body (missing boundary, cut-off parts).
  if (
    error instanceof Error &&
    /multipart|boundary|Unexpected end of form|part terminated/i.test(error.message)
  )
    return invalidInput("The multipart body is malformed or incomplete");
  return error;
}
