// Sending a stored file to a browser safely. Only raster images are ever shown inline; everything
// else (PDF, ZIP, SVG, PSD, EPS) is an attachment. An SVG additionally goes out as
// application/octet-stream: even opened directly it is never parsed as a document, so a script in
// it cannot run. Every file response carries nosniff and a CSP sandbox.
import type { FastifyReply } from "fastify";
import type { FileRow } from "./files.queries.ts";
import { mediaKind } from "./media-types.ts";
import type { FileStorage } from "./storage.ts";

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
