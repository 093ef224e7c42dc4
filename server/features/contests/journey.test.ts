// Issue 5, must-show 1: the full contest journey through the API — top-up → contest with prizes
// ¥2,000 + ¥500 → three entries (one image) → sealed visibility for buyer, provider and anonymous
// → two awards → handovers → one accepted by the buyer, one by the timer → winner ¥1,800,
// runner-up ¥450, platform ¥250, escrow 0, contest completed, audit passes.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { makeOperator, signUp } from "../../../test/helpers/factories.ts";
import { call, key, multipart } from "../../../test/helpers/http.ts";
import { exactWallet, fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { audit, enterImage, enterText, logoPng, postContest } from "./contests.fixtures.ts";

const t = await startTestApp({
  env: { TIMER_AUTO_ACCEPT: "PT2S", CONTEST_MIN_SUBMISSION_PERIOD: "PT1S", PLATFORM_FEE_BPS: "1000" },
  workers: true,
});
after(() => t.close());

test("the full contest journey pays ¥1,800 + ¥450, keeps ¥250, and leaves the escrow at 0", async () => {
  const buyer = await signUp(t.app, { displayName: "王老板" });
  const alice = await signUp(t.app, { displayName: "Alice Studio" });
  const bob = await signUp(t.app, { displayName: "Bob 设计" });
  const carol = await signUp(t.app, { displayName: "Carol" });
  const onlooker = await signUp(t.app);
  const operator = await signUp(t.app);
  await makeOperator(t, operator.user.id);
  const revenueBefore = await platformRevenue(t);

  // Top-up, then a contest with ¥2,000 + ¥500: the pool leaves the wallet for the contest's escrow.
  await fund(t, buyer, 300_000);
  const task = await postContest(t, buyer, {}, { "idempotency-key": key() });
  assert.equal(task.status, "open");
  assert.equal(task.escrowMinor, 250_000);
  assert.deepEqual(task.prizesMinor, [200_000, 50_000]);
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 50_000, inEscrowMinor: 250_000 }));

  // Three entries, one of them an image.
  const a = await enterImage(t, alice, task.id, await logoPng(7), "山城茶馆 — 一笔画的茶壶");
  const b = await enterText(t, bob, task.id, "品名：两江茶事 / Slogan: 一杯茶，两江情");
  const c = await enterText(t, carol, task.id, "Name: Mountain Steam Tea House");
  const image = a.files[0];
  assert.ok(image?.thumbnailUrl && image.previewUrl, "an image gets a thumbnail and a watermarked preview");
  assert.ok(image.originalUrl, "its provider sees the original");

  // The originality check runs right after commit: pending → ok within seconds.
  const checked = await waitFor(
    async () => (await call(t, buyer, "GET", `/entries/${a.id}`)).json().entry.originality,
    (o) => o?.status !== "pending",
    10_000,
  );
  assert.deepEqual(checked, { status: "ok", matches: [] });

  // Sealed: the buyer sees all three, a provider only their own, others counts only.
  const asBuyer = (await call(t, buyer, "GET", `/tasks/${task.id}/entries`)).json();
  assert.equal(asBuyer.items.length, 3);
  assert.deepEqual(asBuyer.counts, { entries: 3, providers: 3 });
  const buyersImage = asBuyer.items.find((e: { id: string }) => e.id === a.id);
  assert.equal(buyersImage.files[0].originalUrl, null, "the buyer gets no original before the prize is paid");
  assert.ok(buyersImage.files[0].previewUrl);
  assert.equal(buyersImage.originality.status, "ok");
  const asBob = (await call(t, bob, "GET", `/tasks/${task.id}/entries`)).json();
  assert.deepEqual(
    asBob.items.map((e: { id: string }) => e.id),
    [b.id],
  );
  assert.equal(asBob.items[0].originality, undefined, "originality is for the buyer and operators");
  for (const who of [undefined, onlooker]) {
    const res = (await call(t, who, "GET", `/tasks/${task.id}/entries`)).json();
    assert.deepEqual(res.items, []);
    assert.deepEqual(res.counts, { entries: 3, providers: 3 });
    assert.equal(res.sealed, true);
  }
  const asOperator = (await call(t, operator, "GET", `/tasks/${task.id}/entries`)).json();
  assert.equal(asOperator.items.length, 3);

  // File routes enforce the same rules.
  const preview = image.previewUrl as string;
  const original = image.originalUrl as string;
  assert.equal((await call(t, buyer, "GET", preview)).statusCode, 200);
  assert.equal((await call(t, buyer, "GET", preview)).headers["content-type"], "image/webp");
  assert.equal((await call(t, onlooker, "GET", preview)).statusCode, 404);
  assert.equal((await call(t, undefined, "GET", preview)).statusCode, 404);
  assert.equal((await call(t, bob, "GET", original)).statusCode, 404);
  assert.equal((await call(t, buyer, "GET", original)).statusCode, 403);
  const own = await call(t, alice, "GET", original);
  assert.equal(own.statusCode, 200);
  assert.equal(own.headers["content-type"], "image/png");
  assert.match(String(own.headers["content-disposition"]), /^attachment/);

  // Ratings, then two awards: first prize to Alice's image, second to Bob's slogan.
  for (const [entry, stars] of [
    [a.id, 5],
    [b.id, 4],
    [c.id, 2],
  ] as const) {
    const r = await call(t, buyer, "POST", `/entries/${entry}/rating`, { stars });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().entry.rating, stars);
  }
  const awardKey = key();
  const awards = {
    awards: [
      { entryId: a.id, prizeIndex: 0 },
      { entryId: b.id, prizeIndex: 1 },
    ],
  };
  const awarded = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards, {
    "idempotency-key": awardKey,
  });
  assert.equal(awarded.statusCode, 200, awarded.body);
  assert.equal(awarded.json().task.status, "awarded");
  assert.equal(awarded.json().task.escrowMinor, 250_000, "awarding pays nobody yet");
  // Awarding ended submissions.
  const late = await call(t, carol, "POST", `/tasks/${task.id}/entries`, { text: "too late" });
  assert.equal(late.statusCode, 409);

  // Handovers: Alice hands over files (multipart), Bob text.
  const ho = await multipart(t, alice, `/entries/${a.id}/handover`, [
    { name: "text", value: "Final files: PNG + PDF source" },
    { name: "files", value: await logoPng(7, 1200, 900), filename: "final.png", type: "image/png" },
    {
      name: "files",
      value: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
      filename: "source.pdf",
    },
  ]);
  assert.equal(ho.statusCode, 200, ho.body);
  assert.equal(ho.json().entry.status, "handed_over");
  const handoverFile = ho.json().entry.handover.files[0].originalUrl as string;
  const hb = await call(t, bob, "POST", `/entries/${b.id}/handover`, { text: "两江茶事 — 商标检索报告附后" });
  assert.equal(hb.statusCode, 200, hb.body);
  assert.equal((await call(t, buyer, "GET", handoverFile)).statusCode, 403, "not before it is paid");

  // The buyer accepts Alice's handover at once (a replay moves nothing more).
  const acceptKey = key();
  const accepted = await call(t, buyer, "POST", `/entries/${a.id}/accept`, undefined, {
    "idempotency-key": acceptKey,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().entry.status, "paid");
  const replay = await call(t, buyer, "POST", `/entries/${a.id}/accept`, undefined, {
    "idempotency-key": acceptKey,
  });
  assert.equal(replay.statusCode, 200);
  assert.equal(replay.headers["idempotent-replayed"], "true");
  assert.equal((await wallet(t, alice)).availableMinor, 180_000);
  // Now the buyer owns the originals.
  const paidEntry = (await call(t, buyer, "GET", `/entries/${a.id}`)).json().entry;
  assert.ok(paidEntry.files[0].originalUrl);
  assert.equal((await call(t, buyer, "GET", paidEntry.files[0].originalUrl)).statusCode, 200);
  assert.equal((await call(t, buyer, "GET", handoverFile)).statusCode, 200);

  // Bob's is accepted by the timer (TIMER_AUTO_ACCEPT = 2 s here).
  const done = await waitFor(
    async () => (await call(t, undefined, "GET", `/tasks/${task.id}`)).json().task,
    (x) => x.status === "completed",
    20_000,
  );
  assert.equal(done.escrowMinor, 0);
  assert.deepEqual(
    done.awards.map((x: { status: string; awardedBy: string }) => [x.status, x.awardedBy]),
    [
      ["paid", "buyer"],
      ["paid", "buyer"],
    ],
  );
  assert.equal((await wallet(t, alice)).availableMinor, 180_000);
  assert.equal((await wallet(t, bob)).availableMinor, 45_000);
  assert.equal((await wallet(t, carol)).availableMinor, 0);
  assert.equal((await platformRevenue(t)) - revenueBefore, 25_000);
  const buyerWallet = await wallet(t, buyer);
  assert.equal(buyerWallet.inEscrowMinor, 0);
  assert.equal(buyerWallet.availableMinor, 50_000);
  const row = await t.db
    .selectFrom("awards")
    .select(["entry_id", "accepted_by", "fee_minor"])
    .orderBy("prize_index")
    .execute();
  assert.deepEqual(
    row.map((r) => [r.accepted_by, r.fee_minor]),
    [
      ["buyer", 20_000],
      ["timer", 5_000],
    ],
  );
  await audit(t);
});
