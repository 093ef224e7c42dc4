// Locale state for the whole app: zh-CN by default (not the browser's language — Liangjiang is
// Chinese-first), English on request, the choice remembered in localStorage, and <html lang> and
// the document title kept in step.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { formatMoney, type MoneyFormatOptions } from "../../lib/money.ts";
import { isLoaded, loadLanguage, setShownLocale, texts } from "./catalogues.ts";
import { defaultLocale, interpolate, isLocale, type Locale, type MessageKey, pickText } from "./messages.ts";

// Chinese (the default) is in the first chunk; English is fetched when chosen (main.tsx fetches it
// before the first render for a visitor who chose it earlier), so nobody downloads both. Feature
// catalogues come with their pages (./catalogues.ts).
export { loadLanguage };
export const LOCALE_STORAGE_KEY = "liangjiang.locale";

export type I18n = {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  money(minor: number, options?: MoneyFormatOptions): string;
};

const I18nContext = createContext<I18n | null>(null);

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    // Storage can be unavailable (privacy modes, some embedded browsers): use the default.
    return defaultLocale;
  }
}

/** Whether a language was chosen on this device (a switch, or a previous visit). */
export function hasStoredLocale(): boolean {
  try {
    return isLocale(window.localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return false;
  }
}

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const wanted = initialLocale ?? readStoredLocale();
    const initial = isLoaded(wanted) ? wanted : defaultLocale;
    setShownLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    // Switch once the texts in use are here in that language (small extra chunks).
    loadLanguage(next).then(
      () => {
        setShownLocale(next);
        setLocaleState(next);
      },
      () => {
        // Not loaded (offline): stay in the current language.
      },
    );
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but the switch still works for this visit.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const messages = texts[locale];
    const rules = new Intl.PluralRules(locale);
    return {
      locale,
      setLocale,
      // Read at call time: a page's catalogue is loaded (with its chunk) before the page renders.
      t: (key, values) => interpolate(pickText(messages[key] ?? key, values, rules), values),
      money: formatMoney,
    };
  }, [locale, setLocale]);

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n must be used inside <I18nProvider>");
  return i18n;
}

/** Sets the document title for the current page, in the current language. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useI18n();
  const appTitle = t("app.documentTitle");
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : appTitle;
  }, [title, appTitle, t]);
}
