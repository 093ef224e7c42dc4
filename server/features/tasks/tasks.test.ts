// Listing and detail of tasks (filters, sorts, keyset pagination), and the originality guard on
// entries across contests: a near-copy of another provider's earlier entry is flagged for the
// buyer with the evidence; a provider's reuse of their own work is not.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import {
  call,
  enterImage,
  expectError,
  fund,
  inFuture,
  logoPng,
  postContest,
  signUp,
  waitFor,
} from "../contests/contests.fixtures.ts";

let t: TestApp;
before(async () => {
  t = await startTestApp({ env: { CONTEST_MIN_SUBMISSION_PERIOD: "PT1S" }, workers: true });
});
after(async () => {
  await t.close();
});

describe("listing", () => {
  test("filters, sorts and pages through every task exactly once", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 10_000_000);
    const tag = `zz${Date.now()}`;
    const made: { id: string }[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await postContest(t, buyer, {
          title: `${tag} contest ${i}`,
          prizesMinor: [10_000 * (i + 1)],
          categoryId: i % 2 === 0 ? "logo" : "slogan",
          submissionDeadline: inFuture((10 - i) * 3_600_000),
        }),
      );
    }
    const list = async (qs: string) => {
      const res = await call(t, undefined, "GET", `/tasks?q=${tag}&${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        items: { id: string; poolMinor: number; submissionDeadline: string }[];
        nextCursor: string | null;
      };
    };
    const pageAll = async (qs: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`${qs}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        ids.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const newest = await pageAll("sort=newest");
    assert.deepEqual(
      newest,
      [...made].reverse().map((m) => m.id),
    );
    const byPrize = await pageAll("sort=prize");
    assert.deepEqual(
      byPrize,
      [...made].reverse().map((m) => m.id),
    );
    const byDeadline = await pageAll("sort=deadline");
    assert.deepEqual(
      byDeadline,
      [...made].reverse().map((m) => m.id),
      "soonest deadline first",
    );
    // Category: a leaf, and its parent (which includes its children).
    assert.equal((await list("categoryId=logo")).items.length, 4);
    assert.equal((await list("categoryId=brand")).items.length, 4);
    assert.equal((await list("categoryId=naming")).items.length, 3);
    assert.equal((await list("minPrizeMinor=50000")).items.length, 3);
    assert.equal((await list("status=open&mode=contest")).items.length, 7);
    assert.equal((await list("status=completed")).items.length, 0);
    assert.equal((await list(`buyerId=${buyer.user.id}`)).items.length, 7);
    // Bad input is 400, never 500.
    for (const qs of [
      "limit=0",
      "limit=101",
      "status=nope",
      "sort=random",
      "cursor=bm9wZQ",
      "cursor=%%%",
      "minPrizeMinor=-1",
      "buyerId=abc",
    ]) {
      expectError(await call(t, undefined, "GET", `/tasks?${qs}`), 400, "invalid_input");
    }
    // Cursors of another sort, or with values PostgreSQL would choke on, are 400 too.
    const forged = (v: unknown) =>
      encodeURIComponent(Buffer.from(JSON.stringify({ v, id: made[0]?.id })).toString("base64url"));
    for (const qs of [
      `sort=prize&cursor=${forged("2026-01-01T00:00:00Z")}`,
      `sort=deadline&cursor=${forged(5)}`,
      `sort=newest&cursor=${forged("-000001-01-01T00:00:00Z")}`,
      `sort=prize&cursor=${forged(1e300)}`,
    ]) {
      expectError(await call(t, undefined, "GET", `/tasks?${qs}`), 400, "invalid_input");
    }
    const badEntryCursor = Buffer.from("2026|not-a-uuid").toString("base64url");
    expectError(
      await call(t, buyer, "GET", `/tasks/${made[0]?.id}/entries?cursor=${badEntryCursor}`),
      400,
      "invalid_input",
    );
    // Wildcards are text, not patterns.
    assert.equal((await call(t, undefined, "GET", "/tasks?q=%25%25%25")).json().items.length, 0);
  });

  test("detail: unknown or malformed ids are 404", async () => {
    for (const id of ["nope", "00000000-0000-4000-8000-000000000000", "1' OR '1'='1"]) {
      expectError(await call(t, undefined, "GET", `/tasks/${encodeURIComponent(id)}`), 404, "not_found");
      expectError(
        await call(t, undefined, "GET", `/tasks/${encodeURIComponent(id)}/entries`),
        404,
        "not_found",
      );
      expectError(await call(t, undefined, "GET", `/entries/${encodeURIComponent(id)}`), 404, "not_found");
    }
  });
});

describe("originality guard on entries", () => {
  test("a resized, recompressed copy of another provider's earlier entry (another contest) is flagged with evidence", async () => {
    const [buyer1, buyer2] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer1, 100_000);
    await fund(t, buyer2, 200_000);
    const first = await postContest(t, buyer1, { prizesMinor: [100_000] });
    const second = await postContest(t, buyer2, { prizesMinor: [100_000] });
    const third = await postContest(t, buyer2, { prizesMinor: [100_000] });
    const [author, copier] = [await signUp(t.app), await signUp(t.app)];
    const original = await logoPng(42, 640, 480);
    const a = await enterImage(t, author, first.id, original);
    const copy = await sharp(original).resize(500).jpeg({ quality: 70 }).toBuffer();
    const c = await enterImage(t, copier, second.id, copy);
    const own = await enterImage(t, author, third.id, original);
    const distinct = await enterImage(t, copier, third.id, await logoPng(91, 640, 480));
    const originality = (who: typeof buyer1, id: string) =>
      waitFor(
        async () => (await call(t, who, "GET", `/entries/${id}`)).json().entry.originality,
        (o) => o && o.status !== "pending",
        15_000,
      );
    const flagged = await originality(buyer2, c.id);
    assert.equal(flagged.status, "flagged");
    assert.equal(flagged.matches.length, 1);
    assert.equal(flagged.matches[0].entryId, a.id);
    assert.equal(flagged.matches[0].taskId, first.id);
    assert.ok(flagged.matches[0].distance <= 12);
    assert.ok(Date.parse(flagged.matches[0].submittedAt) > 0);
    assert.equal((await originality(buyer1, a.id)).status, "ok", "the earlier entry is the original");
    assert.equal((await originality(buyer2, own.id)).status, "ok", "reusing one's own work is not copying");
    assert.equal((await originality(buyer2, distinct.id)).status, "ok");
    // The copier and the public never see the flag; the evidence reveals no content of the other entry.
    const asCopier = (await call(t, copier, "GET", `/entries/${c.id}`)).json().entry;
    assert.equal(asCopier.originality, undefined);
    expectError(await call(t, buyer2, "GET", `/entries/${a.id}`), 404, "not_found");
  });
});
