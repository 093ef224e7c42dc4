// Money is integer fen (分) everywhere (API fields ending `Minor`). Display: ¥1,234.56 in both
// languages — the yuan sign and Western digit grouping are what Chinese users read too.

export type MoneyFormatOptions = {
  /** Leave out ".00" for whole yuan amounts (¥2,000 instead of ¥2,000.00). Default false. */
  trimWholeFen?: boolean;
};

export function formatMoney(minor: number, options: MoneyFormatOptions = {}): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be an integer number of fen: ${minor}`);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = options.trimWholeFen && fen === 0 ? "" : `.${String(fen).padStart(2, "0")}`;
  return `${sign}¥${grouped}${fraction}`;
}
