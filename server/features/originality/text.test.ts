// Text entries (names, slogans) through the API: an earlier exact or near-exact text by another
// provider, after normalisation (full-width, case, spaces, punctuation), flags the later entry
// with the same evidence shape as images; one's own earlier text, short texts and distinct texts
// do not.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { call, enterText, fund, postContest, signUp, waitFor } from "../contests/contests.fixtures.ts";
import { editDistance, normaliseText } from "./text.ts";

let t: TestApp;
before(async () => {
  t = await startTestApp({ workers: true });
});
after(async () => {
  await t.close();
});

test("a text entry that repeats another provider's earlier name or slogan is flagged with the earlier entry as evidence", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 400_000);
  const [first, second, third] = [
    await postContest(t, buyer, { prizesMinor: [100_000], categoryId: "slogan" }),
    await postContest(t, buyer, { prizesMinor: [100_000], categoryId: "slogan" }),
    await postContest(t, buyer, { prizesMinor: [100_000], categoryId: "slogan" }),
  ];
  const [author, copier, other] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
  const a = await enterText(t, author, first.id, "两江茶事 · Blue Sky Coffee Roasters");
  const exact = await enterText(t, copier, second.id, "两江茶事，ＢＬＵＥ ＳＫＹ coffee roasters！");
  const near = await enterText(t, other, third.id, "两江茶事 Blue Sky Coffee Roaster");
  const own = await enterText(t, author, third.id, "两江茶事 - blue sky coffee roasters");
  const distinct = await enterText(t, other, second.id, "山城火锅 Mountain City Hotpot");
  const short = await enterText(t, copier, first.id, "OK");
  const originality = async (id: string) =>
    waitFor(
      async () => (await call(t, buyer, "GET", `/entries/${id}`)).json().entry.originality,
      (o) => o === null || o.status !== "pending",
      15_000,
    );

  const flagged = await originality(exact.id);
  assert.equal(flagged.status, "flagged");
  assert.deepEqual(flagged.matches, [
    {
      entryId: a.id,
      taskId: first.id,
      distance: 0,
      submittedAt: flagged.matches[0].submittedAt,
      kind: "text",
      similarity: 1,
    },
  ]);
  assert.ok(Date.parse(flagged.matches[0].submittedAt) > 0);

  const nearly = await originality(near.id);
  assert.equal(nearly.status, "flagged");
  const byEntry = new Map(nearly.matches.map((m: { entryId: string }) => [m.entryId, m]));
  const againstA = byEntry.get(a.id) as { distance: number; similarity: number; kind: string };
  assert.equal(againstA.kind, "text");
  assert.equal(againstA.distance, 1, "one character less");
  assert.ok(againstA.similarity >= 0.8 && againstA.similarity < 1);

  assert.equal((await originality(a.id)).status, "ok", "the earliest is the original");
  assert.equal((await originality(own.id)).status, "ok", "repeating one's own earlier text is not copying");
  assert.equal((await originality(distinct.id)).status, "ok");
  assert.equal(await originality(short.id), null, "two letters are not authorship: not checked");
});

test("normaliseText and editDistance", () => {
  assert.equal(normaliseText("Ｌａｎｇ　Ｊｉａｎｇ！"), "langjiang");
  assert.equal(normaliseText("两江茶事。「好茶」"), "两江茶事好茶");
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("两江茶事", "两江茶室"), 1);
  assert.equal(editDistance("", "abc"), 3);
});
