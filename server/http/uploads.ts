// Reading uploads (API.md: multipart/form-data, files in the repeatable field `files`, text fields
// beside them): Fastify glue around files/ingest.ts. Every file is streamed to a staging file while
// its size is counted, then handed to ingestFile (type by content, allow-list, pixel limits,
// derivatives, fingerprint). Every refusal is an AppError in the one error shape:
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
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, invalidInput } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";
import { fileTooLarge, ingestFile } from "../files/ingest.ts";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from "../files/limits.ts";
import type { FileMediaType } from "../files/media-types.ts";
import { type FileStorage, PRIVATE_FILE_MODE } from "../files/storage.ts";
import type { StoredFile } from "../files/stored-file.ts";
import { hit, type Limit, peek } from "./rate-limit.ts";

export {
  DEFAULT_UPLOAD_LIMITS,
  DESIGN_CATEGORIES,
  DESIGN_CATEGORY_ROOTS,
  maxPixelsForCategory,
  NON_DESIGN_MAX_PIXELS,
  type UploadLimits,
} from "../files/limits.ts";

const HOUR_MS = 3_600_000;

/**
 * Per account and hour, over every upload route. Bytes are counted in KiB: the counter is a 32-bit
 * integer, and parallel requests may each add up to a request's worth before they are refused.
 */
export const UploadQuota = {
  files: { max: 60, windowMs: HOUR_MS },
  kib: { max: 200 * 1024, windowMs: HOUR_MS },
} as const satisfies Record<string, Limit>;

export type Upload = Readonly<{ fields: Record<string, string>; files: StoredFile[] }>;

export type UploadDeps = Readonly<{
  storage: FileStorage;
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
      if (part.file.truncated) throw fileTooLarge(label, limits.maxFileBytes);
      if (quota && quotaKeys) {
        // Counted before the file is decoded: the decoding is the expensive part.
        const now = Date.now();
        const [fileCount, byteCount] = await Promise.all([
          hit(quota.db, quotaKeys.files, UploadQuota.files, now),
          hit(quota.db, quotaKeys.kib, UploadQuota.kib, now, Math.ceil(fileBytes / 1024)),
        ]);
        if (fileCount.limited || byteCount.limited) throw overQuota(fileCount, byteCount);
      }
      files.push(
        await ingestFile(
          deps.storage,
          { path },
          {
            name: part.filename,
            label,
            accept: options.accept,
            maxPixels: limits.maxPixels,
            maxFileBytes: limits.maxFileBytes,
          },
        ),
      );
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

/** Multipart's own limit errors, in our words; everything else passes through unchanged. */
function tooLargeOr(error: unknown, label: string, limits: UploadLimits): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return fileTooLarge(label, limits.maxFileBytes);
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
