// Dates and times in the user's language, in China time (Liangjiang's market) unless the browser
// says otherwise.
import type { Locale } from "../app/i18n/messages.ts";

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
