/**
 * An instant both JavaScript and PostgreSQL read the same way (years 1970–9999). Check a client's
 * text (e.g. a decoded cursor) before it reaches a timestamptz: PostgreSQL refuses dates before
 * 4713 BC and JavaScript dates reach ±275,760 years (22008 → 500).
 */
export function isPlausibleInstant(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= 0 && ms < 253_402_300_800_000;
}
