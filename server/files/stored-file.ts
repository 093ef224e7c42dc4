// A file checked and written to storage by files/ingest.ts, not yet a
// `files` row: saveFiles records it in the use case's transaction.
import type { Fingerprint } from "./fingerprint.ts";
import type { FileMediaType } from "./media-types.ts";

export type DerivedImage = Readonly<{
  id: string;
  sha256: string;
  byteSize: number;
  mediaType: "image/webp";
  width: number;
  height: number;
}>;

export type StoredFile = Readonly<{
  /** The id the files row will get (saveFiles). */
  id: string;
  sha256: string;
  byteSize: number;
  mediaType: FileMediaType;
  originalName: string;
  width: number | null;
  height: number | null;
  /** Images only. */
  thumbnail: DerivedImage | null;
  preview: DerivedImage | null;
  /** The thumbnail watermarked (ingest makes it; older files get it on first request). */
  markedThumbnail?: DerivedImage | null;
  fingerprint: Fingerprint | null;
}>;
