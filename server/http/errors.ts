// The Fastify glue of errors: the error handler, the framework's own errors, the input guard and
// the one reply shape. AppError and its constructors live in core/errors.ts; anything else that
// escapes a handler is a bug and becomes a generic 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, invalidInput } from "../core/errors.ts";

/** Fastify's own errors (body parser, limits, content type) mapped onto our codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_input",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_input",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "invalid_input",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_REQ_FILE_TOO_LARGE: "payload_too_large",
  FST_FILES_LIMIT: "payload_too_large",
  FST_PARTS_LIMIT: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_TYPE: "unsupported_media_type",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "unsupported_media_type",
};

function pickIssueFields(code: string, params: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = { code };
  for (const key of ["minimum", "maximum", "format"]) {
    const value = params?.[key];
    if (typeof value === "number" || typeof value === "string") out[key] = value;
    else if (typeof value === "bigint") out[key] = Number(value);
  }
  return out;
}

function toAppError(error: FastifyError | Error): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
      message: v.message ?? "is invalid",
      // The zod issue code and its bounds: the web app words the message from these, never the English.
      ...pickIssueFields(v.keyword, v.params as Record<string, unknown> | undefined),
    }));
    const first = issues[0];
    return invalidInput(first ? `${first.path}: ${first.message}` : "Invalid input", { issues });
  }
  // PostgreSQL refuses NUL and invalid UTF-8 in text (22021, 22P05): that is bad input, not a bug.
  if ("code" in error && (error.code === "22021" || error.code === "22P05")) {
    return invalidInput("The text contains a character that cannot be stored (such as NUL)");
  }
  const code = "code" in error && typeof error.code === "string" ? fastifyCodes[error.code] : undefined;
  if (code) return new AppError(code, error.message);
  const status = "statusCode" in error ? error.statusCode : undefined;
  if (status === 400) return invalidInput(error.message);
  if (status === 413) return new AppError("payload_too_large", "The request body is too large");
  if (status === 415) return new AppError("unsupported_media_type", error.message);
  if (status === 429) return new AppError("rate_limited", "Too many requests; try again later");
  return undefined;
}

/** The one error body of API.md. */
export function errorBody(error: AppError, requestId: string) {
  return { error: { code: error.code, message: error.message, details: error.details }, requestId };
}

/**
 * Fastify's `frameworkErrors`: the router's own refusals (a path that is not valid percent-encoding,
 * a path parameter over `maxParamLength`) never reach the error handler; answer them in our shape.
 * No hook runs for them, so the request id header is set here.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? invalidInput("A path segment is too long (at most 100 characters)")
      : error.code === "FST_ERR_BAD_URL"
        ? invalidInput("The URL is not valid percent-encoded UTF-8")
        : (toAppError(error) ?? invalidInput("The request could not be routed"));
  return reply
    .status(known.status)
    .header("x-request-id", request.id)
    .header("cache-control", "no-store")
    .send(errorBody(known, request.id));
}

/** Deeper JSON than any of our contracts needs; deeper input would only exhaust recursive code. */
export const MAX_INPUT_DEPTH = 64;

/**
 * What in a parsed body, query or params can't be processed safely, or undefined: nesting deeper
 * than MAX_INPUT_DEPTH (recursive code such as idempotency hashing would overflow the stack), or
 * a lone UTF-16 surrogate in a string or key (PostgreSQL refuses it in text and JSON → 500).
 * Iterative on purpose: it must survive the very input it refuses.
 */
export function findUnsafeInput(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === "string") {
      if (!v.isWellFormed()) return "contains a lone UTF-16 surrogate (not valid Unicode text)";
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_INPUT_DEPTH) return `is nested deeper than ${MAX_INPUT_DEPTH} levels`;
      if (Array.isArray(v)) {
        for (const item of v) stack.push([item, depth + 1]);
      } else if (!Buffer.isBuffer(v)) {
        for (const [k, item] of Object.entries(v)) {
          if (!k.isWellFormed()) return "contains a lone UTF-16 surrogate (not valid Unicode text)";
          stack.push([item, depth + 1]);
        }
      }
    }
  }
  return undefined;
}

/** `notFound: false` when the caller installs its own not-found handler (the web app shell). */
export function installErrorHandling(app: FastifyInstance, options: { notFound?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = toAppError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message);
      const retryAfter = (known.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (known.code === "rate_limited" && typeof retryAfter === "number") {
        reply.header("retry-after", String(retryAfter));
      }
      return reply.status(known.status).send(errorBody(known, request.id));
    }
    // A bug or an outage: log everything, tell the client nothing but the request id.
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({
      error: { code: "internal", message: "Something went wrong on our side. Please try again." },
      requestId: request.id,
    });
  });

  if (options.notFound === false) return;
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: "not_found", message: `No route for ${request.method} ${request.url.split("?")[0]}` },
      requestId: request.id,
    }),
  );
}

/** One place for every route: refuse input that would crash recursive code or the database. */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    // A route that keeps its JSON raw (the signed payment webhooks) parses it later: look inside.
    let body = request.body;
    if (typeof body === "string" && /json/i.test(request.headers["content-type"] ?? "")) {
      try {
        body = JSON.parse(body);
      } catch {}
    }
    for (const [part, value] of [
      ["params", request.params],
      ["query", request.query],
      ["body", body],
    ] as const) {
      const problem = findUnsafeInput(value);
      if (problem) throw invalidInput(`The ${part} ${problem}`);
    }
  });
}
