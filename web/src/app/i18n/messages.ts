import type { zhCN } from "./zh-CN.ts";

export type MessageKey = keyof typeof zhCN;
/** A complete catalogue: exactly the keys of the Chinese one. */
export type Messages = { readonly [K in MessageKey]: string };

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Fills {name} placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
