// Dates and times in the reader's language and the browser's time zone. One signature everywhere:
// (iso, locale, options). A deadline someone must act by carries its time zone ({ zone: true }):
// "2026年12月7日 16:41 GMT+8", "Dec 7, 2026, 04:41 PM GMT+8", so nobody misreads it across zones.
import { useEffect, useState } from "react";

export type DateTimeOptions = { zone?: boolean };

export function formatDateTime(iso: string, locale: string, options: DateTimeOptions = {}): string {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  if (!options.zone) return text;
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: "short" })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return zone ? `${text} ${zone}` : text;
}

/** The day alone ("2026年11月30日", "Nov 30, 2026"): member since, and the like. */
export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/** `<input type="datetime-local">` value for a Date, in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The current time, refreshed every `everyMs` (a live countdown: 1 s; a list: 30 s). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
