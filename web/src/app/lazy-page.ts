// A page loaded on first visit: its own chunk and its feature's catalogues (in the language shown),
// both before it renders. React.lazy wants a default export; our pages are named exports.
import { type ComponentType, lazy } from "react";
import { type CatalogueName, loadCatalogues } from "./i18n/catalogues.ts";
import { readStoredLocale } from "./i18n/I18nProvider.tsx";

export function lazyPage<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
  catalogues: CatalogueName[] = [],
) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadCatalogues(catalogues, shownLocale())]);
    return { default: module[name] as ComponentType<Props<M[K]>> };
  });
}

/** The language on screen (what <html lang> says once the app runs; the stored choice before). */
function shownLocale() {
  const lang = document.documentElement.lang;
  return lang === "en" || lang === "zh-CN" ? lang : readStoredLocale();
}

type Props<C> = C extends ComponentType<infer P> ? P : never;
