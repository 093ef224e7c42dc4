// The closed sets of values some text columns hold (CHECK constraints in the migrations): the one
// thing the database cannot tell kysely-codegen. scripts/db-types.ts maps each such column onto
// these types (or an inline union) when it generates schema.ts.
export type FileMediaType =
  | "image/png"
  | "image/jpeg"
  | "image/webp"
  | "image/gif"
  | "application/pdf"
  | "application/zip"
  | "image/svg+xml"
  | "image/vnd.adobe.photoshop"
  | "application/postscript";

export type TaskMode = "contest" | "piecework" | "tender";
export type TaskStatus =
  | "open"
  | "selecting"
  | "awarded"
  | "completed"
  | "cancelled"
  | "refunded"
  | "hired"
  | "closed";
export type EntryStatus = "submitted" | "awarded" | "handed_over" | "paid" | "rejected" | "lapsed";

export type PayableStatus =
  | "awaiting_delivery"
  | "delivered"
  | "revision_requested"
  | "disputed"
  | "accepted"
  | "paid"
  | "lapsed";
