import type { FeatureCatalogues } from "./catalogues.ts";
import type { zhCN } from "./zh-CN.ts";

/** Every text's key: the shell's and every feature's (a key missing in English is a type error there). */
export type MessageKey = keyof typeof zhCN | keyof FeatureCatalogues;

/**
 * A text that depends on a number, by its Intl.PluralRules category ("1 prize", "3 prizes"; Chinese
 * needs none). The number is `values.count` unless `by` names another value.
 */
export type Plural = {
  readonly by?: string;
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
};

/** A feature's English catalogue: exactly the keys of its Chinese one, each a text or a plural. */
export type CatalogueOf<T> = { readonly [K in keyof T]: string | Plural };

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The text for `values`: a plural picks its form by the number (Intl.PluralRules of the language). */
export function pickText(
  message: string | Plural,
  values: Record<string, string | number> | undefined,
  rules: Intl.PluralRules,
): string {
  if (typeof message === "string") return message;
  const n = Number(values?.[message.by ?? "count"] ?? 0);
  return message[rules.select(n)] ?? message.other;
}

/** Fills {name} placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
