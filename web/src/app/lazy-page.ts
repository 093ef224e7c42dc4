// A page loaded on first visit (its own chunk): React.lazy wants a default export, our pages are
// named exports.
import { type ComponentType, lazy } from "react";

export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<Props<M[K]>> }));
}

type Props<C> = C extends ComponentType<infer P> ? P : never;
