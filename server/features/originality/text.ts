// Text entries (names, slogans) for the originality guard: the database keeps each entry's text
// normalised (migration 0650: NFKC — full-width letters and digits become half-width —, lower case,
// spaces and punctuation removed) and finds earlier equal texts by index, and near ones by trigram
// similarity (pg_trgm). `normaliseText` is the same rule in JavaScript, for tests and tools.

/** Texts shorter than this (normalised characters) are not checked: "ok", "A1" are not authorship. */
export const MIN_TEXT_LENGTH = 4;
/** Trigram similarity (0–1) from which two different normalised texts count as a near duplicate. */
export const MIN_TEXT_SIMILARITY = 0.8;

const PUNCTUATION_OR_SPACE = /[\s\p{P}\p{S}]+/gu;

/** The normalised form the database stores in entries.text_norm (for ASCII and CJK punctuation). */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(PUNCTUATION_OR_SPACE, "");
}

/** Levenshtein distance in code points: the `distance` a text match reports. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[y.length] as number;
}
