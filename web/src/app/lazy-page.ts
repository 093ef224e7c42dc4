// A page loaded on first visit: its own chunk and its feature's catalogues (in the language shown),
// both before it renders. React.lazy wants a default export; our pages are named exports.
import { type ComponentType, lazy } from "react";
import { type CatalogueName, loadCatalogues, shownLocale } from "./i18n/catalogues.ts";

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

type Props<C> = C extends ComponentType<infer P> ? P : never;
