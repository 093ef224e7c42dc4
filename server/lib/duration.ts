// ISO-8601 durations (P7D, PT48H, P1DT12H, PT30S) → milliseconds. Months and years are refused:
// their length depends on the calendar, and every timer here is a fixed span.
const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDurationMs(text: string): number | undefined {
  const match = pattern.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * 604_800_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Math.round(Number(seconds ?? 0) * 1000);
  return ms;
}
