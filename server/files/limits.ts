// The limits an upload is checked against (docs/FILES.md "What is accepted"): bytes, files and
// fields of a request, and pixels of an image — less outside the design categories, where a brief's
// screenshot or a scan is enough and decoding a 40 MP image (~1.4 s, +320 MB) buys nothing.
import type { Queryable } from "../db/database.ts";

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
