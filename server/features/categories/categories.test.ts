import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";

const t = await startTestApp();
after(() => t.close());

test("GET /api/v1/categories returns the bilingual two-level tree", async () => {
  const res = await t.app.inject("/api/v1/categories");
  assert.equal(res.statusCode, 200);
  const { items } = res.json();
  const ids = items.map((c: { id: string }) => c.id);
  assert.deepEqual(ids, ["brand", "naming", "copywriting", "it", "marketing", "ip"]);
  const brand = items[0];
  assert.deepEqual(brand.name, { "zh-CN": "品牌设计", en: "Brand design" });
  assert.deepEqual(
    brand.children.slice(0, 3).map((c: { id: string }) => c.id),
    ["logo", "vi", "packaging"],
  );
  const it = items.find((c: { id: string }) => c.id === "it");
  assert.ok(
    it.children.some(
      (c: { id: string; name: { "zh-CN": string } }) =>
        c.id === "mini-program" && c.name["zh-CN"] === "小程序开发",
    ),
  );
  const ip = items.find((c: { id: string }) => c.id === "ip");
  assert.ok(
    ip.children.some(
      (c: { id: string; name: { en: string } }) => c.id === "trademark" && c.name.en === "Trademark filing",
    ),
  );
  for (const root of items) {
    for (const child of root.children) assert.equal(child.children, undefined, "two levels only");
  }
});
