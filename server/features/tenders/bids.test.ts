// Tenders and bids through HTTP (issue 10, tenders): posting escrows nothing; bad bids are refused
// in the one error shape with nothing written (milestones that do not sum, more than 10, a float
// amount, the buyer's own tender, a second active bid, after the deadline); the sealed rules of
// GET /tasks/:id/bids and GET /bids/:id; withdrawal; cancellation; and the selection timer closing
// an unhired tender, decided by the injected clock.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, expectError } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { eventsOf } from "../../core/events.ts";
import { bidBody, DAY, placeBid, postTender, tenderBody, tenderOf } from "./tenders.fixtures.ts";
import { tenderTimers } from "./tenders.jobs.ts";

const clock = testClock(new Date(Date.now() + 50 * DAY));
let t: TestApp;
before(async () => {
  t = await startTestApp({ clock, env: { TIMER_TENDER_SELECTION: "P14D" } });
});
after(() => t?.close());

const bidsOf = async (taskId: string) =>
  (await t.db.selectFrom("bids").select(["id", "status"]).where("task_id", "=", taskId).execute()).length;

describe("posting", () => {
  test("a tender escrows nothing: open, escrowMinor 0, its terms; the selection timer is set", async () => {
    const buyer = await signUp(t.app);
    const task = await postTender(t, clock, buyer, { sealedBids: false });
    assert.equal(task.mode, "tender");
    assert.equal(task.status, "open");
    assert.equal(task.escrowMinor, 0);
    assert.equal(task.budgetMinor, 3_000_000);
    assert.equal(task.sealedBids, false);
    assert.equal(task.bidCount, 0);
    const ends = new Date(new Date(task.bidDeadline).getTime() + 14 * DAY).toISOString();
    assert.equal(task.selectionEndsAt, ends);
    const { rows } = await sql<{ at: Date }>`
      SELECT start_after AS at FROM pgboss.job
      WHERE name = 'tenders.selection-end' AND data->>'taskId' = ${task.id}`.execute(t.db);
    assert.deepEqual(
      rows.map((r) => new Date(r.at).toISOString()),
      [ends],
    );
    assert.deepEqual(await wallet(t, buyer), exactWallet({}));
    // Default: sealed bids; no budget is fine.
    const sealed = await postTender(t, clock, buyer, { budgetMinor: undefined });
    assert.equal(sealed.sealedBids, true);
    assert.equal(sealed.budgetMinor, null);
    assert.deepEqual(
      (await eventsOf(t.db, { type: "tender", id: task.id })).map((e) => e.type),
      ["tender.posted"],
    );
  });

  test("bad tenders: a past or too-near deadline, a float budget, an unknown category → 400", async () => {
    const buyer = await signUp(t.app);
    const now = clock.now().getTime();
    for (const overrides of [
      { bidDeadline: new Date(now - 1000).toISOString() },
      { bidDeadline: new Date(now + 60_000).toISOString() },
      { bidDeadline: new Date(now + 40 * DAY).toISOString() },
      { budgetMinor: 100.5 },
      { budgetMinor: 0 },
      { categoryId: "no-such-category" },
      { prizesMinor: [100] },
    ]) {
      const res = await call(t, buyer, "POST", "/tasks", tenderBody(clock, overrides));
      expectError(res, 400, "invalid_input");
    }
  });
});

describe("bidding", () => {
  test("bad bids are refused with nothing written", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    const bids = `/tasks/${task.id}/bids`;
    const refusals: [unknown, number, string][] = [
      [bidBody([400_000, 600_000], { amountMinor: 999_999 }), 400, "invalid_input"],
      [bidBody(Array.from({ length: 11 }, () => 1000)), 400, "invalid_input"],
      [bidBody([400_000], { amountMinor: 400_000.5 }), 400, "invalid_input"],
      [bidBody([400_000.5, 100_000], { amountMinor: 500_000.5 }), 400, "invalid_input"],
      [bidBody([], { amountMinor: 1000 }), 400, "invalid_input"],
      [bidBody([1000], { days: 0 }), 400, "invalid_input"],
      [bidBody([1000], { days: 1.5 }), 400, "invalid_input"],
      [bidBody([1000], { proposal: "  " }), 400, "invalid_input"],
      [bidBody([-1000, 2000], { amountMinor: 1000 }), 400, "invalid_input"],
      [{ ...bidBody([1000]), extra: 1 }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of refusals) {
      expectError(await call(t, provider, "POST", bids, body), status, code);
    }
    // A float written as 1.0 in the raw JSON is refused too (API.md "Money").
    const raw = await t.app.inject({
      method: "POST",
      url: `/api/v1${bids}`,
      headers: { ...provider.headers, "content-type": "application/json" },
      payload: `{"amountMinor":1000.0,"days":3,"proposal":"p","milestones":[{"title":"m","amountMinor":1000}]}`,
    });
    expectError(raw, 400, "invalid_input");
    expectError(await call(t, buyer, "POST", bids, bidBody()), 403, "forbidden");
    expectError(await call(t, undefined, "POST", bids, bidBody()), 401, "unauthenticated");
    expectError(await call(t, provider, "POST", "/tasks/not-a-task/bids", bidBody()), 404, "not_found");
    assert.equal(await bidsOf(task.id), 0, "nothing written");
    // Ten milestones are fine.
    const ten = await placeBid(
      t,
      provider,
      task.id,
      Array.from({ length: 10 }, (_, i) => 1000 + i),
    );
    assert.equal(ten.milestones.length, 10);
    assert.equal(ten.amountMinor, 10_045);
    assert.equal(ten.status, "submitted");
  });

  test("one active bid per provider (409); after withdrawing, a new bid", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    const first = await placeBid(t, provider, task.id);
    expectError(await call(t, provider, "POST", `/tasks/${task.id}/bids`, bidBody([5000])), 409, "conflict");
    assert.equal(await bidsOf(task.id), 1);
    // Only its provider withdraws it: the buyer sees it (403), a stranger does not (404).
    expectError(await call(t, buyer, "POST", `/bids/${first.id}/withdraw`), 403, "forbidden");
    expectError(await call(t, await signUp(t.app), "POST", `/bids/${first.id}/withdraw`), 404, "not_found");
    const withdrawn = await call(t, provider, "POST", `/bids/${first.id}/withdraw`);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().bid.status, "withdrawn");
    expectError(await call(t, provider, "POST", `/bids/${first.id}/withdraw`), 409, "invalid_transition");
    const second = await placeBid(t, provider, task.id, [5000]);
    assert.equal(second.amountMinor, 5000);
    assert.equal((await tenderOf(t, task.id)).bidCount, 1, "the withdrawn bid is not counted");
    // The buyer no longer sees the withdrawn bid; its provider still does.
    const seen = (await call(t, buyer, "GET", `/tasks/${task.id}/bids`)).json();
    assert.deepEqual(
      seen.items.map((b: { id: string }) => b.id),
      [second.id],
    );
    const own = (await call(t, provider, "GET", `/tasks/${task.id}/bids`)).json();
    assert.deepEqual(
      own.items.map((b: { status: string }) => b.status),
      ["withdrawn", "submitted"],
    );
    assert.deepEqual(
      (await eventsOf(t.db, { type: "bid", id: first.id })).map((e) => e.type),
      ["bid.submitted", "bid.withdrawn"],
    );
  });

  test("two bids of one provider at once: one is taken, the other 409", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    const results = await Promise.all(
      [[1000], [2000], [3000]].map((amounts) =>
        call(t, provider, "POST", `/tasks/${task.id}/bids`, bidBody(amounts)),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode).sort(),
      [201, 409, 409],
      results.map((r) => r.body).join("\n"),
    );
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, "conflict");
    assert.equal(await bidsOf(task.id), 1);
  });

  test("after the bid deadline (by the injected clock) no bid is taken (409), nothing written", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    const saved = clock.now();
    try {
      clock.set(task.bidDeadline);
      expectError(
        await call(t, provider, "POST", `/tasks/${task.id}/bids`, bidBody()),
        409,
        "invalid_transition",
      );
      assert.equal(await bidsOf(task.id), 0);
    } finally {
      clock.set(saved);
    }
  });

  test("a contest takes no bids, a tender no entries", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    expectError(
      await call(t, provider, "POST", `/tasks/${task.id}/entries`, { text: "an entry" }),
      409,
      "invalid_transition",
    );
  });
});

describe("visibility", () => {
  test("sealed (the default): the buyer sees all, a provider their own, others the count only", async () => {
    const buyer = await signUp(t.app);
    const [a, b, c] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    const task = await postTender(t, clock, buyer);
    const bids = [
      await placeBid(t, a, task.id),
      await placeBid(t, b, task.id, [700_000]),
      await placeBid(t, c, task.id),
    ];
    const list = async (who: typeof a | undefined) =>
      (await call(t, who, "GET", `/tasks/${task.id}/bids`)).json();

    const forBuyer = await list(buyer);
    assert.deepEqual(
      forBuyer.items.map((x: { id: string }) => x.id),
      bids.map((x) => x.id),
    );
    assert.equal(forBuyer.sealed, false);
    assert.deepEqual(forBuyer.counts, { bids: 3 });
    assert.equal(forBuyer.items[1].amountMinor, 700_000);

    const forA = await list(a);
    assert.deepEqual(
      forA.items.map((x: { id: string }) => x.id),
      [bids[0]?.id],
    );
    assert.equal(forA.sealed, true);
    assert.deepEqual(forA.counts, { bids: 3 });

    for (const who of [undefined, await signUp(t.app)]) {
      const other = await list(who);
      assert.deepEqual(other.items, []);
      assert.deepEqual(other.counts, { bids: 3 });
      assert.equal(other.sealed, true);
      expectError(await call(t, who, "GET", `/bids/${bids[1]?.id}`), 404, "not_found");
    }
    expectError(await call(t, a, "GET", `/bids/${bids[1]?.id}`), 404, "not_found");
    assert.equal((await call(t, a, "GET", `/bids/${bids[0]?.id}`)).statusCode, 200);
    assert.equal((await call(t, buyer, "GET", `/bids/${bids[1]?.id}`)).statusCode, 200);
    assert.equal((await tenderOf(t, task.id)).bidCount, 3, "the count is public");
    // Pages: oldest first, cursor to the next.
    const page1 = (await call(t, buyer, "GET", `/tasks/${task.id}/bids?limit=2`)).json();
    assert.equal(page1.items.length, 2);
    const page2 = (
      await call(t, buyer, "GET", `/tasks/${task.id}/bids?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    assert.deepEqual(
      [...page1.items, ...page2.items].map((x: { id: string }) => x.id),
      bids.map((x) => x.id),
    );
    assert.equal(page2.nextCursor, null);
  });

  test("sealedBids false: everyone sees amounts and proposals", async () => {
    const buyer = await signUp(t.app);
    const [a, b] = [await signUp(t.app), await signUp(t.app)];
    const task = await postTender(t, clock, buyer, { sealedBids: false });
    const bidA = await placeBid(t, a, task.id, [123_400]);
    await placeBid(t, b, task.id, [200_000]);
    for (const who of [undefined, b, await signUp(t.app)]) {
      const seen = (await call(t, who, "GET", `/tasks/${task.id}/bids`)).json();
      assert.equal(seen.sealed, false);
      assert.deepEqual(
        seen.items.map((x: { amountMinor: number }) => x.amountMinor),
        [123_400, 200_000],
      );
      assert.ok(seen.items[0].proposal.length > 0);
      const one = await call(t, who, "GET", `/bids/${bidA.id}`);
      assert.equal(one.statusCode, 200, one.body);
    }
  });

  test("bids of a contest, or of no task: 404", async () => {
    expectError(
      await call(t, undefined, "GET", "/tasks/00000000-0000-4000-8000-000000000000/bids"),
      404,
      "not_found",
    );
    expectError(
      await call(t, undefined, "GET", "/bids/00000000-0000-4000-8000-000000000000"),
      404,
      "not_found",
    );
    expectError(await call(t, undefined, "GET", "/bids/x"), 404, "not_found");
  });
});

describe("ending without a hire", () => {
  test("the selection timer closes an unhired tender, by the injected clock; its bids are declined", async () => {
    const buyer = await signUp(t.app);
    const [a, b] = [await signUp(t.app), await signUp(t.app)];
    const task = await postTender(t, clock, buyer);
    const bidA = await placeBid(t, a, task.id);
    const bidB = await placeBid(t, b, task.id);
    await call(t, b, "POST", `/bids/${bidB.id}/withdraw`);
    const saved = clock.now();
    try {
      clock.set(new Date(new Date(task.selectionEndsAt as string).getTime() - 1));
      assert.equal(await tenderTimers.selectionEnd(t, task.id), "not_due", "1 ms before the end");
      assert.equal((await tenderOf(t, task.id)).status, "open");
      clock.advance(1);
      assert.equal(await tenderTimers.selectionEnd(t, task.id), "closed");
      assert.equal(await tenderTimers.selectionEnd(t, task.id), "skipped", "a second run does nothing");
      const closed = await tenderOf(t, task.id);
      assert.equal(closed.status, "closed");
      assert.equal((closed as { closedAt?: string }).closedAt, clock.now().toISOString());
      const statuses = (await call(t, buyer, "GET", `/tasks/${task.id}/bids`))
        .json()
        .items.map((x: { id: string; status: string }) => [x.id, x.status]);
      assert.deepEqual(statuses, [[bidA.id, "declined"]]);
      assert.equal((await call(t, b, "GET", `/bids/${bidB.id}`)).json().bid.status, "withdrawn");
      expectError(await call(t, a, "POST", `/tasks/${task.id}/bids`, bidBody()), 409, "invalid_transition");
      expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
      assert.deepEqual(
        (await eventsOf(t.db, { type: "tender", id: task.id })).map((e) => [e.type, e.actor]),
        [
          ["tender.posted", buyer.user.id],
          ["tender.closed", "system:tenders.selection-end"],
        ],
      );
      assert.deepEqual(await wallet(t, buyer), exactWallet({}));
    } finally {
      clock.set(saved);
    }
  });

  test("the buyer cancels an open tender: cancelled, nothing to refund, waiting bids declined", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    const bid = await placeBid(t, provider, task.id);
    expectError(await call(t, provider, "POST", `/tasks/${task.id}/cancel`), 403, "forbidden");
    const res = await call(t, buyer, "POST", `/tasks/${task.id}/cancel`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.status, "cancelled");
    assert.equal((await call(t, provider, "GET", `/bids/${bid.id}`)).json().bid.status, "declined");
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
    expectError(await call(t, provider, "POST", `/bids/${bid.id}/withdraw`), 409, "invalid_transition");
    assert.equal(await tenderTimers.selectionEnd(t, task.id), "skipped");
    assert.deepEqual(
      (await eventsOf(t.db, { type: "bid", id: bid.id })).map((e) => e.type),
      ["bid.submitted", "bid.declined"],
    );
  });

  test("the listing filters tenders by mode and buyer; a provider's list has the tenders they bid on", async () => {
    const buyer = await signUp(t.app);
    const provider = await signUp(t.app);
    const task = await postTender(t, clock, buyer);
    await postTender(t, clock, buyer, { title: "Another tender" });
    const res = await call(t, undefined, "GET", `/tasks?mode=tender&buyerId=${buyer.user.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().items.length, 2);
    assert.ok(res.json().items.every((x: { mode: string }) => x.mode === "tender"));
    await placeBid(t, provider, task.id);
    const mine = await call(t, provider, "GET", `/tasks?providerId=${provider.user.id}`);
    assert.deepEqual(
      mine.json().items.map((x: { id: string }) => x.id),
      [task.id],
    );
  });

  test("a contest takes no bids and has no bid list", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 100_000);
    const contest = await call(t, buyer, "POST", "/tasks", {
      mode: "contest",
      title: "A logo",
      brief: "A logo for a tea house.",
      prizesMinor: [100_000],
      submissionDeadline: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
    });
    assert.equal(contest.statusCode, 201, contest.body);
    const id = contest.json().task.id;
    const provider = await signUp(t.app);
    expectError(await call(t, provider, "POST", `/tasks/${id}/bids`, bidBody()), 409, "invalid_transition");
    expectError(await call(t, provider, "GET", `/tasks/${id}/bids`), 404, "not_found");
    assert.equal(await bidsOf(id), 0);
  });
});
