// The one place that turns a failure into words in the user's language: per field (the issues of
// an `invalid_input`, from the server's `details.issues` or from a shared contract checked in the
// browser) and for a form or a page as a whole (by the error's code). The API's English messages
// are never parsed: an issue is read by its zod code (too_small, too_big, invalid_format, …) and
// its field; the few domain issues the server reports without a code are named by a fixed token.

import type { I18n } from "../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../app/i18n/messages.ts";
import { type ApiError, type ApiErrorCode, isApiError } from "./api.ts";

export type FieldErrors = Record<string, string>;
type T = I18n["t"];

/** An issue as zod reports it (a subset: what the messages need). */
export type Issue = {
  /** The field's name (the last path segment: "password", "amountMinor"). */
  field: string;
  /** zod's issue code; absent in issues the server raised itself (then `token` names them). */
  code?: string;
  token?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
};

/** Domain issues the server reports as `{ path, message }` with a fixed token for a message. */
const domainTokens: Record<string, (field: string) => MessageKey> = {
  "is too common": () => "form.error.passwordCommon",
  "must not be your e-mail address": () => "form.error.passwordIsEmail",
  "is wrong": (field) => (field === "code" ? "form.error.codeWrong" : "form.error.currentPasswordWrong"),
  "is no longer valid": () => "form.error.codeExpired",
};

/** What a field must look like, for a format or pattern it failed (the pattern itself is the contract's). */
const formatByField: Record<string, MessageKey> = {
  email: "form.error.email",
  phone: "form.error.phone",
  idNumber: "form.error.idNumber",
  creditCode: "form.error.creditCode",
  code: "form.error.code",
  displayName: "form.error.controlCharacters",
  legalName: "form.error.controlCharacters",
  amountMinor: "wallet.error.amount",
};

/** One issue as a sentence in the current language. */
export function issueText(t: T, issue: Issue): string {
  const domain = issue.token ? domainTokens[issue.token] : undefined;
  if (domain) return t(domain(issue.field));
  switch (issue.code) {
    case "invalid_type":
      return t("form.error.required");
    case "too_small":
      return Number(issue.minimum) <= 1
        ? t("form.error.required")
        : t("form.error.tooShort", { min: String(issue.minimum) });
    case "too_big":
      return t("form.error.tooLong", { max: String(issue.maximum) });
    case "invalid_format":
      if (issue.format === "email") return t("form.error.email");
      return t(formatByField[issue.field] ?? "form.error.invalid");
    default:
      return t(formatByField[issue.field] ?? "form.error.invalid");
  }
}

function serverIssues(error: ApiError): Issue[] {
  const details = error.details as { issues?: unknown } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.flatMap((raw: unknown): Issue[] => {
    if (typeof raw !== "object" || raw === null) return [];
    const { path, message, code, minimum, maximum, format } = raw as Record<string, unknown>;
    if (typeof path !== "string") return [];
    const field = path.split(".").pop() || path;
    return [
      {
        field,
        code: typeof code === "string" ? code : undefined,
        token: typeof message === "string" ? message : undefined,
        minimum: typeof minimum === "number" ? minimum : undefined,
        maximum: typeof maximum === "number" ? maximum : undefined,
        format: typeof format === "string" ? format : undefined,
      },
    ];
  });
}

/** Field errors (the first per field) from issues. */
export function fieldErrorsOf(t: T, issues: Issue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) if (issue.field && !out[issue.field]) out[issue.field] = issueText(t, issue);
  return out;
}

/** Field errors from an API error, keyed by the field names the form uses. */
export function fieldErrorsFrom(t: T, error: unknown): FieldErrors {
  return isApiError(error) ? fieldErrorsOf(t, serverIssues(error)) : {};
}

/** The structural part of a zod schema this needs: the schema comes from contracts/ and its chunk. */
type Schema<Out> = {
  safeParse(value: unknown):
    | { success: true; data: Out }
    | {
        success: false;
        error: {
          issues: ReadonlyArray<{
            code: string;
            path: ReadonlyArray<PropertyKey>;
            minimum?: number | bigint;
            maximum?: number | bigint;
            format?: string;
          }>;
        };
      };
};

/** Checks a form's values with the shared contract, as the server will: the data, or field errors. */
export function validate<Out>(
  t: T,
  schema: Schema<Out>,
  value: unknown,
): { data: Out; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data };
  const given = (field: string) => (value as Record<string, unknown> | null)?.[field];
  return {
    errors: fieldErrorsOf(
      t,
      result.error.issues.map((i) => {
        const field = String(i.path[i.path.length - 1] ?? "");
        // Nothing typed: "required", whatever rule the empty text broke first.
        const empty = typeof given(field) === "string" && String(given(field)).trim() === "";
        return {
          field,
          code: empty ? "invalid_type" : i.code,
          minimum: i.minimum,
          maximum: i.maximum,
          format: i.format,
        };
      }),
    ),
  };
}

/** The catalogue message for each error code; a feature may say it in its own words (overrides). */
const byCode: Partial<Record<ApiErrorCode, MessageKey>> = {
  network_error: "error.network",
  unauthenticated: "form.error.sessionEnded",
  forbidden: "form.error.forbidden",
  invalid_input: "form.error.checkFields",
  insufficient_funds: "wallet.error.insufficient",
  invalid_transition: "form.error.conflict",
  conflict: "form.error.conflict",
  not_found: "form.error.notFound",
  payload_too_large: "contests.error.tooLarge",
  unsupported_media_type: "contests.error.fileType",
  rate_limited: "form.error.rateLimited",
};

export type ErrorOverrides = Partial<Record<ApiErrorCode, MessageKey>>;

/** The message for an error as a whole (a form's alert, a page that could not load). */
export function errorText(t: T, error: unknown, overrides: ErrorOverrides = {}): string {
  if (!isApiError(error)) return t("error.generic");
  if (error.code === "rate_limited" && !overrides.rate_limited) {
    const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof seconds === "number") {
      return t("form.error.rateLimitedFor", { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    }
  }
  const key = overrides[error.code] ?? byCode[error.code];
  return t(key ?? "error.generic");
}

/** The server's reason for a 400 (its English text), shown as detail under the translated message. */
export function errorDetail(error: unknown): string | undefined {
  return isApiError(error, "invalid_input") ? error.message : undefined;
}

/**
 * Moves the focus to the first field with an error (or the form's alert), after React rendered it —
 * in `form`, or anywhere on the page when none is given.
 */
export function focusFirstError(form: ParentNode | null = document) {
  requestAnimationFrame(() => {
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  });
}

/**
 * A hand-written form check: shows its errors and, when there are any, moves the focus to the first
 * field that needs attention. True when the form may be sent.
 */
export function passesCheck<E extends object>(found: E, show: (errors: E) => void): boolean {
  show(found);
  if (Object.keys(found).length === 0) return true;
  focusFirstError();
  return false;
}
