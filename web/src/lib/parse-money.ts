// What a person types as an amount of yuan ("1,234.5", "¥ 200") → integer fen, or null.
// Parsed as text, never through a float, so "0.29" is 29 fen and not 28.999….
export function parseYuan(input: string): number | null {
  const cleaned = input.replace(/[¥￥,，\s]/g, "");
  const match = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const yuan = Number(match[1]);
  const fen = Number((match[2] ?? "").padEnd(2, "0"));
  const minor = yuan * 100 + fen;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Fen → the text a person would type back ("1234.50"), for pre-filled inputs. */
export function yuanInput(minor: number): string {
  const fen = String(minor % 100).padStart(2, "0");
  return fen === "00" ? String(Math.trunc(minor / 100)) : `${Math.trunc(minor / 100)}.${fen}`;
}
