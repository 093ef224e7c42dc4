// Countdowns for contests, in the reader's language.
import type { I18n } from "../../app/i18n/I18nProvider.tsx";

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
