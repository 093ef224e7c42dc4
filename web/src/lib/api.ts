// The one way the web app talks to the server: fetch on /api/v1, JSON in and out, the session
// cookie sent along (same origin), and every failure turned into an ApiError carrying the API's
// error code (API.md: `{ error: { code, message, details }, requestId }`).
import type { ErrorCode } from "../../../contracts/errors.ts";

export const API_BASE = "/api/v1";

// CSRF (API.md: unsafe cookie-authenticated requests): the server sets a script-readable `lj_csrf`
// cookie and also returns `csrfToken` from register/login/me; the client echoes it in X-CSRF-Token.
const CSRF_COOKIE = "lj_csrf";
const CSRF_HEADER = "x-csrf-token";
let lastCsrfToken: string | undefined;

function csrfToken(): string | undefined {
  const cookie = document.cookie
    .split("; ")
    .find((part) => part.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
  return cookie ? decodeURIComponent(cookie) : lastCsrfToken;
}

function rememberCsrfToken(body: unknown) {
  if (typeof body === "object" && body !== null && "csrfToken" in body) {
    const token = (body as { csrfToken: unknown }).csrfToken;
    lastCsrfToken = typeof token === "string" ? token : undefined;
  }
}

/** The API's own codes, plus two for failures that never reached (or never came from) the API. */
export type ApiErrorCode = ErrorCode | "network_error" | "bad_response";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    details?: unknown;
    requestId?: string;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

export function isApiError(value: unknown, code?: ApiErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON, or as is when it is FormData (uploads). */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  /** For every POST that moves money (API.md: idempotency). Reuse the same key when retrying. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

function buildUrl(path: string, query: RequestOptions["query"]): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(name, String(value));
  }
  const qs = search.toString();
  return `${API_BASE}${path.startsWith("/") ? path : `/${path}`}${qs ? `?${qs}` : ""}`;
}

type ErrorShape = { error: { code: ErrorCode; message: string; details?: unknown }; requestId?: string };
function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ code: "network_error", status: 0, message: "The server could not be reached" });
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }

  if (!response.ok) {
    if (isErrorShape(parsed)) {
      throw new ApiError({
        code: parsed.error.code,
        status: response.status,
        message: parsed.error.message,
        details: parsed.error.details,
        requestId: parsed.requestId,
      });
    }
    throw new ApiError({
      code: "bad_response",
      status: response.status,
      message: `Unexpected ${response.status} response`,
      requestId: response.headers.get("x-request-id") ?? undefined,
    });
  }
  if (parsed === undefined && text) {
    throw new ApiError({
      code: "bad_response",
      status: response.status,
      message: "The response was not JSON",
    });
  }
  rememberCsrfToken(parsed);
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "POST", body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "PUT", body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "PATCH", body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "DELETE" }),
};

// ---- Uploads with progress (contests: entries and handovers) ----
// fetch() cannot report upload progress; XMLHttpRequest can. Same CSRF header, same ApiError.

export type UploadProgress = { loaded: number; total: number };

/** POST a FormData body, reporting upload progress; resolves with the parsed JSON answer. */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  options: { onProgress?(progress: UploadProgress): void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", buildUrl(path, undefined));
    xhr.setRequestHeader("accept", "application/json");
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onerror = () =>
      reject(new ApiError({ code: "network_error", status: 0, message: "The server could not be reached" }));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed !== undefined) {
        resolve(parsed as T);
      } else if (isErrorShape(parsed)) {
        reject(
          new ApiError({
            code: parsed.error.code,
            status: xhr.status,
            message: parsed.error.message,
            details: parsed.error.details,
            requestId: parsed.requestId,
          }),
        );
      } else {
        // A proxy's 413 page, for example, is not our JSON: keep the status meaningful.
        const code = xhr.status === 413 ? "payload_too_large" : "bad_response";
        reject(new ApiError({ code, status: xhr.status, message: `Unexpected ${xhr.status} response` }));
      }
    };
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
