// The demo seed's piece-rate tasks: a slogan task and an illustration task in progress, in both
// languages — the demo buyer has pieces waiting in their review queue, the demo provider a paid
// and a waiting piece; the pool escrowed and the paid pieces paid on the ledger (the audit passes).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { call } from "../../../test/helpers/http.ts";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.ts";
import { seedDemo } from "../demo/seed.ts";
import { audit } from "./piecework.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

const login = async (who: { email: string; password: string }) => {
  const res = await call(t, undefined, "POST", "/auth/login", { email: who.email, password: who.password });
  assert.equal(res.statusCode, 200, res.body);
  const { token, user } = res.json();
  return {
    token,
    user,
    headers: { authorization: `Bearer ${token}` },
    email: who.email,
    password: who.password,
  };
};

test("a new installation shows two piece-rate tasks in progress, in both languages; the ledger balances", async () => {
  assert.equal((await seedDemo(t.db, t)).seeded, true);
  const list = (await call(t, undefined, "GET", "/tasks?mode=piecework&limit=50")).json();
  assert.equal(list.items.length, 2);
  for (const task of list.items) {
    assert.equal(task.status, "open");
    assert.match(task.title, /[\u4e00-\u9fff]/);
    assert.match(task.title, /[A-Za-z]{3}/);
    assert.ok(task.pieces.paid >= 1 && task.pieces.waiting >= 1);
    assert.equal(task.escrowMinor, task.unitPriceMinor * (task.quantity - task.pieces.paid));
  }
  const slogans = list.items.find((x: { title: string }) => x.title.includes("slogans"));
  assert.deepEqual(slogans.pieces, { paid: 2, waiting: 3, rejected: 1 });
  // The demo buyer reviews every piece; the demo provider sees their own, one paid, one waiting.
  const buyer = await login(DEMO_ACCOUNTS.buyer);
  assert.equal((await call(t, buyer, "GET", `/tasks/${slogans.id}/entries`)).json().items.length, 6);
  const provider = await login(DEMO_ACCOUNTS.provider);
  const mine = (await call(t, provider, "GET", `/tasks/${slogans.id}/entries`)).json().items;
  assert.deepEqual(mine.map((e: { status: string }) => e.status).sort(), ["paid", "submitted"]);
  // The illustration pieces carry images with previews.
  const pictures = list.items.find((x: { title: string }) => x.title.includes("illustrations"));
  const pieces = (await call(t, buyer, "GET", `/tasks/${pictures.id}/entries`)).json().items;
  assert.ok(pieces.every((e: { files: { thumbnailUrl: string | null }[] }) => e.files[0]?.thumbnailUrl));
  await audit(t);
});
