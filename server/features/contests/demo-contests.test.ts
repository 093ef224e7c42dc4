// The demo seed's contests: open and completed ones, image and text entries in both languages,
// every prize escrowed and paid on the ledger (the audit passes), images with previews.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { seedDemo } from "../demo/seed.ts";
import { audit, call } from "./contests.fixtures.ts";

const t = await startTestApp({ workers: true });
after(() => t.close());

test("a new installation shows open and completed contests with image and text entries; the ledger balances", async () => {
  const result = await seedDemo(t.db, t);
  assert.equal(result.seeded, true);
  const list = (await call(t, undefined, "GET", "/tasks?mode=contest&limit=50")).json();
  const statuses = list.items.map((x: { status: string }) => x.status).sort();
  assert.deepEqual(statuses, ["completed", "completed", "open", "open", "open"]);
  assert.ok(list.items.some((x: { title: string }) => /[\u4e00-\u9fff]/.test(x.title)));
  const completed = list.items.filter((x: { status: string }) => x.status === "completed");
  for (const c of completed) assert.equal(c.escrowMinor, 0);
  // The unsealed hotpot contest shows its image entries to anyone, with thumbnails and previews.
  const hotpot = list.items.find((x: { title: string }) => x.title.includes("hotpot"));
  const entries = (await call(t, undefined, "GET", `/tasks/${hotpot.id}/entries`)).json();
  assert.equal(entries.items.length, 3);
  const preview = entries.items[0].files[0].previewUrl;
  const res = await call(t, undefined, "GET", preview);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers["content-type"], "image/webp");
  assert.equal(entries.items[0].files[0].originalUrl, null);
  // Text entries (names, slogans) are there too.
  const naming = list.items.find((x: { title: string }) => x.title.includes("起名"));
  const names = (await call(t, undefined, "GET", `/tasks/${naming.id}/entries`)).json();
  assert.ok(names.items.every((e: { text: string; files: unknown[] }) => e.text && e.files.length === 0));
  await audit(t);
  // Once only.
  assert.equal((await seedDemo(t.db, t)).seeded, false);
});
