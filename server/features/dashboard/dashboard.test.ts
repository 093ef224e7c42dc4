// GET /me/actions: what waits for me — my contests in selection, handovers to accept, prizes I won
// to hand over, lapsed prizes to award again — each with its due date; nothing of anyone else's.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { assertAccess } from "../../../test/helpers/access.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { testClock } from "../../core/clock.ts";
import { call, enterText, fund, postContest, signUp } from "../contests/contests.fixtures.ts";
import { contestTimers } from "../contests/contests.jobs.ts";
import { open } from "../orders/orders.fixtures.ts";
import { pieceworkBody, postPiecework, sendPiece } from "../piecework/piecework.fixtures.ts";
import { placeBid, postTender } from "../tenders/tenders.fixtures.ts";

const DAY = 86_400_000;
const clock = testClock();
const t = await startTestApp({ clock, env: { TIMER_HANDOVER: "P2D", TIMER_AUTO_ACCEPT: "P5D" } });
after(() => t.close());

const actions = async (who: SignedUp) => {
  const res = await call(t, who, "GET", "/me/actions");
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

async function contestWith(buyer: SignedUp, providers: SignedUp[], title: string) {
  const task = await postContest(t, buyer, {
    title,
    prizesMinor: [100_000],
    submissionDeadline: new Date(clock.now().getTime() + 2 * DAY).toISOString(),
  });
  const entries = [];
  for (const p of providers) entries.push(await enterText(t, p, task.id, `idea of ${p.user.id}`));
  return { task, entries };
}

test("a new account has nothing waiting (the empty state)", async () => {
  assert.deepEqual(await actions(await signUp(t.app)), {
    toJudge: [],
    toAccept: [],
    toHandOver: [],
    awaitingPayment: [],
    toReaward: [],
    ordersToConfirm: [],
    milestonesToDeliver: [],
    deliveriesToAccept: [],
    milestonesToFund: [],
    bidsToCompare: [],
    piecesToReview: [],
  });
});

test("judge (selection deadline), hand over (handover due), accept (auto-accept date), re-award (its end): each to the right account", async () => {
  const buyer = await signUp(t.app);
  const winner = await signUp(t.app, { displayName: "Alice Studio" });
  const idle = await signUp(t.app);
  await fund(t, buyer, 300_000);

  // Contest 1: submissions close → in selection, two entries to judge.
  const judged = await contestWith(buyer, [winner, idle], "To judge");
  // Contest 2: awarded to the winner, who hands over → the buyer accepts.
  const handed = await contestWith(buyer, [winner], "Handed over");
  // Contest 3: awarded to idle, who never hands over → lapses → the buyer may award it again.
  const lapsing = await contestWith(buyer, [idle, winner], "Lapsing");

  const awardTo = async (taskId: string, entryId: string) => {
    const res = await call(t, buyer, "POST", `/tasks/${taskId}/awards`, {
      awards: [{ entryId, prizeIndex: 0 }],
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  await awardTo(handed.task.id, (handed.entries[0] as { id: string }).id);
  await awardTo(lapsing.task.id, (lapsing.entries[0] as { id: string }).id);

  // The winner has a prize to hand over, due 2 days after the award.
  const won = await actions(winner);
  assert.equal(won.toHandOver.length, 1);
  assert.equal(won.toHandOver[0].title, "Handed over");
  assert.equal(won.toHandOver[0].amountMinor, 100_000);
  assert.equal(Date.parse(won.toHandOver[0].handoverDueAt), clock.now().getTime() + 2 * DAY);

  const handedAt = clock.now().getTime();
  const ho = await call(t, winner, "POST", `/entries/${handed.entries[0]?.id}/handover`, {
    text: "final files",
  });
  assert.equal(ho.statusCode, 200, ho.body);

  clock.advance(3 * DAY); // past the submission deadline and the lapsing award's handover due date
  await contestTimers.submissionDeadline(t, judged.task.id);
  assert.equal(await contestTimers.handoverDue(t, (lapsing.entries[0] as { id: string }).id), "lapsed");

  const mine = await actions(buyer);
  assert.deepEqual(
    mine.toJudge.map((x: { title: string; entries: number }) => [x.title, x.entries]),
    [["To judge", 2]],
  );
  assert.ok(mine.toJudge[0].selectionEndsAt, "the selection deadline");
  assert.equal(mine.toAccept.length, 1);
  assert.equal(mine.toAccept[0].providerName, "Alice Studio");
  assert.equal(Date.parse(mine.toAccept[0].autoAcceptAt), handedAt + 5 * DAY);
  assert.equal(mine.toReaward.length, 1);
  assert.equal(mine.toReaward[0].title, "Lapsing");
  assert.equal(mine.toReaward[0].amountMinor, 100_000);
  assert.ok(Date.parse(mine.toReaward[0].reawardEndsAt) > clock.now().getTime());
  assert.deepEqual(mine.toHandOver, []);
  // The winner handed over: nothing left for them; the idle provider's award lapsed.
  const winnerNow = await actions(winner);
  assert.deepEqual(winnerNow.toHandOver, []);
  assert.equal(winnerNow.awaitingPayment.length, 1, "paid at the latest on the auto-accept date");
  assert.equal(Date.parse(winnerNow.awaitingPayment[0].autoAcceptAt), handedAt + 5 * DAY);
  assert.deepEqual((await actions(idle)).toHandOver, []);

  // Re-awarded: the lapsed prize no longer waits.
  await awardTo(lapsing.task.id, (lapsing.entries[1] as { id: string }).id);
  assert.deepEqual((await actions(buyer)).toReaward, []);
});

test("access: anonymous 401; the owner sees their prize to hand over, a stranger and an operator none of it", async () => {
  await assertAccess(t, {
    setup: async (owner) => {
      const buyer = await signUp(t.app);
      await fund(t, buyer, 100_000);
      const { task, entries } = await contestWith(buyer, [owner], "Owner's prize");
      const awards = { awards: [{ entryId: (entries[0] as { id: string }).id, prizeIndex: 0 }] };
      assert.equal((await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards)).statusCode, 200);
      return undefined;
    },
    request: () => ({ method: "GET", url: "/api/v1/me/actions" }),
    expect: { anonymous: 401, stranger: 200, owner: 200, operator: 200 },
    check: (caller, res) => {
      if (caller === "anonymous") return;
      const titles = res.json().toHandOver.map((x: { title: string }) => x.title);
      assert.deepEqual(titles, caller === "owner" ? ["Owner's prize"] : []);
    },
  });
});

test("orders, tenders, piece-rate: confirm, deliver, accept a delivery, fund, compare bids, review pieces — each to its party", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app, { displayName: "Bo Works" });
  await fund(t, buyer, 500_000);

  // A hired bid (in progress, first milestone funded) and an ordered service (to confirm).
  const running = await open(t, buyer, provider, {
    title: "Running order",
    milestones: [
      { title: "Design", amountMinor: 30_000, revisions: 1, deliveryDays: 7 },
      { title: "Build", amountMinor: 70_000, revisions: 1, deliveryDays: 14 },
    ],
  });
  const ordered = await open(t, buyer, provider, {
    type: "service",
    title: "Ordered service",
    milestones: [{ title: "Logo", amountMinor: 20_000, revisions: 1, deliveryDays: 3 }],
  });

  let mine = await actions(provider);
  assert.deepEqual(
    mine.ordersToConfirm.map((x: { orderId: string; buyerName: string; totalMinor: number }) => [
      x.orderId,
      x.totalMinor,
    ]),
    [[ordered, 20_000]],
  );
  assert.ok(Date.parse(mine.ordersToConfirm[0].confirmBy) > clock.now().getTime(), "confirm by");
  assert.equal(mine.milestonesToDeliver.length, 1);
  const design = mine.milestonesToDeliver[0];
  assert.equal(design.orderId, running);
  assert.equal(design.milestoneTitle, "Design");
  assert.equal(design.status, "funded");
  assert.equal(Date.parse(design.dueAt), clock.now().getTime() + 7 * DAY);
  // Nothing of the provider's waits for the buyer's side, and the other way round.
  assert.deepEqual(mine.milestonesToFund, []);
  assert.deepEqual(mine.deliveriesToAccept, []);

  let theirs = await actions(buyer);
  assert.deepEqual(theirs.ordersToConfirm, []);
  assert.deepEqual(theirs.milestonesToDeliver, []);
  assert.deepEqual(
    theirs.milestonesToFund.map((x: { orderId: string; milestoneTitle: string; amountMinor: number }) => [
      x.orderId,
      x.milestoneTitle,
      x.amountMinor,
    ]),
    [[running, "Build", 70_000]],
  );
  assert.deepEqual(theirs.deliveriesToAccept, []);

  // Delivered: the buyer has it to accept, auto-accepted 5 days later; the provider has nothing left on it.
  const deliveredAt = clock.now().getTime();
  const res = await call(t, provider, "POST", `/milestones/${design.milestoneId}/deliveries`, { text: "v1" });
  assert.equal(res.statusCode, 201, res.body);
  theirs = await actions(buyer);
  assert.equal(theirs.deliveriesToAccept.length, 1);
  assert.equal(theirs.deliveriesToAccept[0].milestoneId, design.milestoneId);
  assert.equal(theirs.deliveriesToAccept[0].providerName, "Bo Works");
  assert.equal(Date.parse(theirs.deliveriesToAccept[0].autoAcceptAt), deliveredAt + 5 * DAY);
  mine = await actions(provider);
  assert.deepEqual(mine.milestonesToDeliver, []);

  // Sent back for a revision: to deliver again (the buyer has nothing to accept meanwhile).
  const rev = await call(t, buyer, "POST", `/milestones/${design.milestoneId}/request-revision`, {
    reason: "bigger logo",
  });
  assert.equal(rev.statusCode, 200, rev.body);
  mine = await actions(provider);
  assert.deepEqual(
    mine.milestonesToDeliver.map((x: { milestoneId: string; status: string }) => [x.milestoneId, x.status]),
    [[design.milestoneId, "revision_requested"]],
  );
  assert.deepEqual((await actions(buyer)).deliveriesToAccept, []);

  // A tender with one bid, a piece-rate task with two pieces waiting: counts for the buyer.
  const tender = await postTender(t, clock, buyer, { title: "Tender with a bid" });
  await placeBid(t, provider, tender.id);
  const piecework = await postPiecework(
    t,
    buyer,
    pieceworkBody(new Date(clock.now().getTime() + 2 * DAY), { title: "Pieces waiting" }),
  );
  await sendPiece(t, provider, piecework.id, "茶香两江");
  await sendPiece(t, await signUp(t.app), piecework.id, "山城好茶");
  theirs = await actions(buyer);
  assert.deepEqual(
    theirs.bidsToCompare.map((x: { taskId: string; bids: number }) => [x.taskId, x.bids]),
    [[tender.id, 1]],
  );
  assert.equal(theirs.bidsToCompare[0].selectionEndsAt, tender.selectionEndsAt);
  assert.deepEqual(
    theirs.piecesToReview.map((x: { taskId: string; pieces: number }) => [x.taskId, x.pieces]),
    [[piecework.id, 2]],
  );
  mine = await actions(provider);
  assert.deepEqual(mine.bidsToCompare, []);
  assert.deepEqual(mine.piecesToReview, []);
});
