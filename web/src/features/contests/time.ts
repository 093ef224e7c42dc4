// Countdowns and dates for contests, in the reader's language and the browser's time zone.
import { useEffect, useState } from "react";
import type { I18n } from "../../app/i18n/I18nProvider.tsx";

/** The current time, refreshed every `everyMs` (a live countdown: 1 s; a list: 30 s). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "3 天 4 小时" / "3 d 4 h"; under an hour minutes and seconds; null once the time has passed. */
export function formatRemaining(t: I18n["t"], until: string, now: number): string | null {
  const ms = new Date(until).getTime() - now;
  if (!(ms > 0)) return null;
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return t("contests.time.daysHours", { days, hours });
  if (hours > 0) return t("contests.time.hoursMinutes", { hours, minutes });
  return t("contests.time.minutesSeconds", { minutes, seconds });
}

export function formatDateTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/**
 * A deadline someone must act by: the date and time with the time zone ("2026年12月7日 16:41 GMT+8",
 * "Dec 7, 2026, 04:41 PM GMT+8"), so that nobody misreads it across time zones.
 */
export function formatDeadline(locale: string, iso: string): string {
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: "short" })
    .formatToParts(new Date(iso))
    .find((part) => part.type === "timeZoneName")?.value;
  const time = formatDateTime(locale, iso);
  return zone ? `${time} ${zone}` : time;
}

/** `<input type="datetime-local">` value for a Date, in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
