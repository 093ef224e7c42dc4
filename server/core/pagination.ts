// One cursor codec for every list (keyset pagination). A cursor is the sort key of the last item
// of a page — e.g. [instant, id] — tagged with the list (and sort) it belongs to, as opaque
// base64url JSON. Decoding accepts only what encodeCursor could have produced for that list:
// anything else (forged, of another list or sort, an instant PostgreSQL can't read, a number
// past 2^53) is a 400 invalid_input, never a 500.
import { CURSOR_MAX_LENGTH } from "../../contracts/pagination.ts";
import { isPlausibleInstant } from "../lib/instant.ts";
import { isUuid } from "../lib/uuid.ts";
import { invalidInput } from "./errors.ts";

export { CURSOR_MAX_LENGTH };

/** What one part of a sort key is: an instant, a UUID, a non-negative integer, or text matching a pattern. */
export type KeyPart = "instant" | "uuid" | "int" | RegExp;
type PartValue<P> = P extends "instant" ? Date : P extends "int" ? number : string;
export type Key<S extends readonly KeyPart[]> = { -readonly [I in keyof S]: PartValue<S[I]> };

/** The cursor of a sort key (`list` names the list and sort, e.g. "tasks:prize"). */
export function encodeCursor(list: string, key: readonly (Date | string | number)[]): string {
  const parts = key.map((v) => (v instanceof Date ? v.toISOString() : v));
  const cursor = Buffer.from(JSON.stringify([list, ...parts])).toString("base64url");
  // A bug, not bad input: the contracts promise clients no cursor is longer.
  if (cursor.length > CURSOR_MAX_LENGTH) throw new Error(`a ${list} cursor is ${cursor.length} characters`);
  return cursor;
}

/** The sort key in a cursor of this list, or undefined when there is none; 400 when it is not one we gave out. */
export function decodeCursor<const S extends readonly KeyPart[]>(
  list: string,
  cursor: string | undefined,
  shape: S,
): Key<S> | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const key = parse(list, cursor, shape);
  if (!key) throw invalidInput("cursor is not one this server gave out for this list");
  return key;
}

function parse<S extends readonly KeyPart[]>(list: string, cursor: string, shape: S): Key<S> | undefined {
  if (cursor.length > CURSOR_MAX_LENGTH || !/^[\w-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== shape.length + 1 || value[0] !== list) return undefined;
  const key: unknown[] = [];
  for (const [i, part] of shape.entries()) {
    const v: unknown = value[i + 1];
    if (part === "instant") {
      // Exactly as toISOString() wrote it, and an instant both JavaScript and PostgreSQL read.
      if (typeof v !== "string" || !isPlausibleInstant(v) || new Date(v).toISOString() !== v)
        return undefined;
      key.push(new Date(v));
    } else if (part === "int") {
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) return undefined;
      key.push(v);
    } else if (part === "uuid") {
      if (typeof v !== "string" || !isUuid(v)) return undefined;
      key.push(v);
    } else {
      if (typeof v !== "string" || !part.test(v)) return undefined;
      key.push(v);
    }
  }
  return key as Key<S>;
}
