// One error type for everything a client may be told. Its code is one of the closed set of API.md
// and picks the HTTP status (the table lives in contracts/errors.ts, shared with the web client);
// anything else that escapes a use case is a bug and becomes a generic 500 (see http/errors.ts).
// No Fastify here: use cases, jobs and the CLI throw these too.
import { type ErrorCode, errorStatus } from "../../contracts/errors.ts";

export { type ErrorCode, errorStatus };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const invalidInput = (message: string, details?: unknown) =>
  new AppError("invalid_input", message, details);
export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You may not do this") => new AppError("forbidden", message);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
