// The file storage port, as every use case sees it (Deps.files). The local adapter (content-
// addressed, private) is files/storage.ts LocalFileStorage; an S3 (or OSS/COS) adapter implements
// the same methods. Declared here so that core/deps.ts need not import files/ (which imports core/).
import type { Readable } from "node:stream";

export type StoredBlob = Readonly<{ sha256: string; byteSize: number }>;

export interface FileStorage {
  /**
   * Store bytes (a buffer, or a local file that the storage may move away) and return their key.
   * Storing bytes that are already there is harmless and returns the same key.
   */
  put(source: Buffer | { path: string }): Promise<StoredBlob>;
  /** The whole blob; `not found` rejects with code ENOENT. */
  get(sha256: string): Promise<Buffer>;
  /** A stream of the blob, optionally a byte range (inclusive end, as in HTTP Range). */
  stream(sha256: string, range?: { start: number; end: number }): Readable;
  exists(sha256: string): Promise<boolean>;
  /** A new, empty private path where an upload is written while it is checked (then put({ path })). */
  stagingPath(): Promise<string>;
}
