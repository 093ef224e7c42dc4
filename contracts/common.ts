// The primitives every contract speaks: ids, amounts, lists (query + page), the Idempotency-Key
// header, and the limits behind them. Defined once here; contracts/<noun>.ts import them.
import { z } from "zod";

/** The largest amount anything may be: 10^12 fen (10 billion yuan). API.md, "Money". */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** API.md: integer fen; a float, a negative, zero or more than 10^12 is invalid_input. */
export const AmountMinor = z
  .number()
  .int("must be a whole number of fen")
  .positive("must be more than zero")
  .max(MAX_AMOUNT_MINOR, "must be at most 10^12 fen");

/**
 * A `…Minor` query-string parameter: plain digits only — `1.0`, `1e3`, `0x10`, `+5` or ` 5` are
 * invalid_input, as they are in JSON bodies (server/http/json-body.ts) — at most 10^12 fen.
 */
export const MinorQuery = z
  .string()
  .regex(/^\d{1,13}$/, "must be a whole number of fen written in digits")
  .transform(Number)
  .pipe(z.number().max(MAX_AMOUNT_MINOR, "must be at most 10^12 fen"));

/** The longest id any path or body accepts (ids are UUIDs or short prefixed keys). */
export const ID_MAX_LENGTH = 100;
export const Id = z.string().min(1).max(ID_MAX_LENGTH);
export const IdParams = z.object({ id: Id });

/**
 * The longest `?cursor=` any list accepts. Cursors are opaque: the server's one codec
 * (server/core/pagination.ts) emits base64url of a short sort key and never more than this.
 */
export const CURSOR_MAX_LENGTH = 200;
export const Cursor = z.string().max(CURSOR_MAX_LENGTH);

/** Page sizes of every list: `?limit=` 1–100, 20 unless asked. */
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 20;

/** `?limit=&cursor=`: what every list accepts; lists with filters `.extend` it. */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: Cursor.optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** One page of a list: its items and the cursor of the next page (null on the last). */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Money-moving POSTs accept an Idempotency-Key (1–255 visible ASCII, checked by server/http/idempotency.ts). */
export const IdempotencyHeader = z.object({ "idempotency-key": z.string().optional() });
