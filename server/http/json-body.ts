// The one JSON body parser of the API. It keeps the raw text (`request.rawBody`: a webhook's
// signature covers the exact bytes) and refuses money written in a form JSON.parse would silently
// round: API.md says every `…Minor` field is a whole number of fen, so `1.0`, `1E3` or `1e0` there
// are invalid_input even though they parse to integers. JSON.parse loses the lexical form, so the
// reviver reads it from the source text (V8's JSON.parse source access, Node ≥ 21).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { invalidInput } from "../core/errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The body's exact text, for JSON requests. */
    rawBody?: string;
  }
}

const isMinorKey = (key: string) => key.endsWith("Minor");
/** A JSON number token that is not a plain integer: a fraction or an exponent. */
const notPlainInteger = (source: string | undefined) => source !== undefined && /[.eE]/.test(source);

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** Parse a JSON body; throws invalid_input for bad JSON, prototype poisoning or a non-plain `…Minor` number. */
export function parseJsonBody(raw: string): unknown {
  if (raw.length === 0) throw invalidInput("The body is empty but its content type is JSON");
  // Arrays whose elements were written as non-plain integers, checked when the array's own key is seen.
  const inexactArrays = new WeakSet<object>();
  let bad: string | undefined;
  const reviver: Reviver = function (key, value, context) {
    if (key === "__proto__") bad ??= "__proto__ is not allowed in a body";
    if (typeof value === "number" && notPlainInteger(context?.source)) {
      if (Array.isArray(this)) inexactArrays.add(this);
      else if (isMinorKey(key))
        bad ??= `${key} must be a whole number of fen written without a decimal point or exponent`;
    } else if (Array.isArray(value) && isMinorKey(key) && inexactArrays.has(value)) {
      bad ??= `${key} must hold whole numbers of fen written without a decimal point or exponent`;
    }
    return value;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw, reviver as Parameters<typeof JSON.parse>[1]);
  } catch (error) {
    // The reviver walks the parsed value recursively: absurd nesting overflows the stack.
    throw invalidInput(
      error instanceof RangeError ? "The body is nested too deeply" : "The body is not valid JSON",
    );
  }
  if (bad) throw invalidInput(bad);
  return parsed;
}

export function installJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const raw = String(body);
      request.rawBody = raw;
      try {
        done(null, parseJsonBody(raw));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
