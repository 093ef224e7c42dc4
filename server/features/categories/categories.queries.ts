import type { Category } from "../../../contracts/categories.ts";
import type { Queryable } from "../../db/database.ts";

export async function listCategoryTree(db: Queryable): Promise<Category[]> {
  const rows = await db
    .selectFrom("categories")
    .select(["id", "parent_id", "name_zh", "name_en"])
    .orderBy("position")
    .orderBy("id")
    .execute();
  const roots = rows.filter((r) => r.parent_id === null);
  return roots.map((root) => ({
    id: root.id,
    name: { "zh-CN": root.name_zh, en: root.name_en },
    children: rows
      .filter((r) => r.parent_id === root.id)
      .map((c) => ({ id: c.id, name: { "zh-CN": c.name_zh, en: c.name_en } })),
  }));
}

export async function categoryExists(db: Queryable, id: string): Promise<boolean> {
  const row = await db.selectFrom("categories").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}
