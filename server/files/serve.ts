// Sending a stored file to a browser safely. Only raster images are ever shown inline; everything
// else (PDF, ZIP, SVG, PSD, EPS) is an attachment. An SVG additionally goes out as
// application/octet-stream: even opened directly it is never parsed as a document, so a script in
// it cannot run. Every file response carries nosniff and a CSP sandbox.
//
// Who gets which bytes is decided by one policy hook: each subject type (attach.ts) has a
// FilePolicy, registered by the feature that owns the subject (app.ts hands them to fileRoutes),
// that says what a caller may have of its files — nothing (404: not even that the file exists),
// only the watermarked preview and thumbnail, or the original too (whose thumbnail is then the clean
// one). files/ itself knows no subject.
import type { FastifyReply } from "fastify";
import type { Actor } from "../core/actor.ts";
import { AppError, forbidden, notFound } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";
import { findAttachment } from "./attach.ts";
import { type FileRow, findFile, listDerivedFiles, markedThumbnailOf } from "./files.queries.ts";
import { mediaKind } from "./media-types.ts";
import type { FileStorage } from "./storage.ts";

/** The variants a download URL may name. */
export const FILE_VARIANTS = ["thumbnail", "preview", "original"] as const;
export type FileVariant = (typeof FILE_VARIANTS)[number];

/**
 * What a caller may have of a subject's files: "none" (404), "marked" (the watermarked preview and
 * thumbnail; the original is 401/403), "original" (everything, the thumbnail clean).
 */
export type FileGrant = "none" | "marked" | "original";
export type FilePolicy = (q: Queryable, subjectId: string, actor: Actor) => Promise<FileGrant>;
/** Subject type (attachments.subject_type) → its policy. A type without one serves nothing. */
export type FilePolicies = Readonly<Record<string, FilePolicy>>;

/**
 * Which stored file answers a download of `fileId`'s `variant` for this caller. `subjectId`, when
 * given (the older URL /entries/:id/files/…), must be the file's subject. A file attached to
 * nothing, or to a subject the caller may not see, is 404.
 */
export async function fileForDownload(
  q: Queryable,
  storage: FileStorage,
  policies: FilePolicies,
  ids: { fileId: string; variant: FileVariant; subjectId?: string },
  actor: Actor,
): Promise<{ file: FileRow; download: boolean }> {
  const { fileId, variant } = ids;
  const subject = await findAttachment(q, fileId);
  const policy = subject && Object.hasOwn(policies, subject.type) ? policies[subject.type] : undefined;
  if (!subject || !policy || (ids.subjectId !== undefined && ids.subjectId !== subject.id)) {
    throw notFound("File");
  }
  const grant = await policy(q, subject.id, actor);
  if (grant === "none") throw notFound("File");
  let file: FileRow | undefined;
  if (variant === "original") {
    if (grant !== "original") {
      throw actor.kind === "anonymous"
        ? new AppError("unauthenticated", "Sign in to continue")
        : forbidden("The original is handed over once the prize is paid; see the preview");
    }
    file = await findFile(q, fileId);
  } else if (variant === "thumbnail" && grant !== "original") {
    file = await markedThumbnailOf(q, storage, fileId);
  } else {
    file = (await listDerivedFiles(q, fileId)).find((d) => d.variant === variant);
  }
  if (!file) throw notFound("File");
  return { file, download: variant === "original" };
}

export const fileUrl = (fileId: string, variant: FileVariant) => `/api/v1/files/${fileId}/${variant}`;

export function fileHeaders(
  file: Pick<FileRow, "mediaType" | "originalName" | "byteSize">,
  options: { download?: boolean } = {},
) {
  const kind = mediaKind(file.mediaType);
  const inline = kind.inline && !options.download;
  const contentType = file.mediaType === "image/svg+xml" ? "application/octet-stream" : file.mediaType;
  return {
    "content-type": contentType,
    "content-length": String(file.byteSize),
    "content-disposition": contentDisposition(inline ? "inline" : "attachment", file.originalName),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "cross-origin-resource-policy": "same-origin",
    // Content-addressed, so the bytes never change; private because access is checked per request.
    "cache-control": "private, max-age=86400",
    // The same URL may give different bytes to different callers (the author's clean thumbnail,
    // everyone else's watermarked one): a browser must not reuse one caller's copy for another.
    vary: "authorization, cookie",
  };
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name (Chinese names survive). */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Reply with the file's bytes and the safe headers. The caller has already checked access. */
export function sendStoredFile(
  reply: FastifyReply,
  storage: FileStorage,
  file: FileRow,
  options: { download?: boolean } = {},
) {
  reply.headers(fileHeaders(file, options));
  return reply.send(storage.stream(file.sha256));
}
