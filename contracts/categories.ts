import { z } from "zod";

export const Category = z
  .object({
    id: z.string(),
    name: z.object({ "zh-CN": z.string(), en: z.string() }),
    children: z.array(z.object({ id: z.string(), name: z.object({ "zh-CN": z.string(), en: z.string() }) })),
  })
  .meta({ id: "Category" });
export type Category = z.infer<typeof Category>;

export const CategoryTree = z.object({ items: z.array(Category) });
export type CategoryTree = z.infer<typeof CategoryTree>;
