// The category tree (home page, contest filters, the post form): one query, cached for the visit.
import { queryOptions } from "@tanstack/react-query";
import type { CategoryTree } from "../../../contracts/categories.ts";
import { api } from "./api.ts";

export const categoriesQuery = queryOptions({
  queryKey: ["categories"],
  queryFn: ({ signal }) => api.get<CategoryTree>("/categories", { signal }),
  staleTime: 10 * 60_000,
});

/** `{ id → { zh-CN, en } }` for every category and sub-category. */
export function categoryNames(tree: CategoryTree | undefined) {
  const names = new Map<string, { "zh-CN": string; en: string }>();
  for (const c of tree?.items ?? []) {
    names.set(c.id, c.name);
    for (const child of c.children) names.set(child.id, child.name);
  }
  return names;
}
