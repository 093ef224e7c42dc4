// Turns an API error into messages in the user's language: per field (from the error shape's
// `details.issues[].path`, e.g. "body.password") and for the form as a whole. The API's English
// messages are never shown; known ones are recognised and translated, the rest get a generic text.

import type { I18n } from "../app/i18n/I18nProvider.tsx";
import { type ApiError, isApiError } from "./api.ts";

export type FieldErrors = Record<string, string>;

type Issue = { path: string; message: string };

function issuesOf(error: ApiError): Issue[] {
  const details = error.details as { issues?: unknown; field?: unknown } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.flatMap((issue: unknown) => {
    if (typeof issue !== "object" || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== "string") return [];
    return [{ path: path.replace(/^(body|querystring|params)\.?/, ""), message: String(message ?? "") }];
  });
}

/** One field's problem as a sentence in the current language. */
export function issueText(t: I18n["t"], field: string, message: string): string {
  const m = message.toLowerCase();
  if (m.includes("too common")) return t("form.error.passwordCommon");
  if (m.includes("e-mail address") && field.toLowerCase().includes("password"))
    return t("form.error.passwordIsEmail");
  if (m === "is wrong")
    return field === "code" ? t("form.error.codeWrong") : t("form.error.currentPasswordWrong");
  if (m.includes("no longer valid")) return t("form.error.codeExpired");
  if (m.includes("e-mail")) return t("form.error.email");
  if (m.includes("identity number")) return t("form.error.idNumber");
  if (m.includes("credit code")) return t("form.error.creditCode");
  if (m.includes("phone")) return t("form.error.phone");
  if (m.includes("6-digit")) return t("form.error.code");
  if (m.includes("control characters")) return t("form.error.controlCharacters");
  const atLeast = /at least (\d+)/.exec(m);
  if (atLeast) return t("form.error.tooShort", { min: atLeast[1] ?? "" });
  const atMost = /at most (\d+)|<=\s*(\d+)/.exec(m);
  if (atMost) return t("form.error.tooLong", { max: atMost[1] ?? atMost[2] ?? "" });
  if (m.includes("empty") || m.includes("required") || m.includes(">=1")) return t("form.error.required");
  return t("form.error.invalid");
}

/** Field errors from the API error, keyed by the field names the form uses. */
export function fieldErrorsFrom(t: I18n["t"], error: unknown): FieldErrors {
  if (!isApiError(error)) return {};
  const out: FieldErrors = {};
  for (const issue of issuesOf(error)) {
    const field = issue.path.split(".").pop() || issue.path;
    if (field && !out[field]) out[field] = issueText(t, field, issue.message);
  }
  return out;
}

/** The form-level message for an error (when it is not about one field). */
export function formErrorText(t: I18n["t"], error: unknown): string {
  if (!isApiError(error)) return t("error.generic");
  switch (error.code) {
    case "network_error":
      return t("error.network");
    case "rate_limited": {
      const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      const minutes = typeof seconds === "number" ? Math.max(1, Math.ceil(seconds / 60)) : undefined;
      return minutes ? t("form.error.rateLimitedFor", { minutes }) : t("form.error.rateLimited");
    }
    case "unauthenticated":
      return t("form.error.sessionEnded");
    case "forbidden":
      return t("form.error.forbidden");
    case "invalid_input":
      return t("form.error.checkFields");
    case "insufficient_funds":
      return t("wallet.error.insufficient");
    case "invalid_transition":
    case "conflict":
      return t("form.error.conflict");
    case "not_found":
      return t("form.error.notFound");
    default:
      return t("error.generic");
  }
}

/** Moves the focus to the first field with an error (or the form's alert), after React rendered it. */
export function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  });
}

/** A fresh key for one money-moving request; keep it while retrying the same request. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
