// The contest's timers are decided by the injected clock (core/clock.ts), so a 5-day handover
// period is tested without sleeping: the app's clock stands 100 days ahead of the real one, the due
// dates follow it to the millisecond, and the timer jobs (run here as the workers run them) act
// only once the clock has been advanced past them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { testClock } from "../../core/clock.ts";
import { transition } from "../../core/events.ts";
import { inTransaction } from "../../core/transaction.ts";
import { payableMachine, payableSubject } from "../payables/payable-status.ts";
import { autoAcceptPayable } from "../payables/payables.jobs.ts";
import { call, enterText, fund, postContest, signUp } from "./contests.fixtures.ts";
import { contestPayableKind, contestTimers } from "./contests.jobs.ts";

const DAY = 86_400_000;
const clock = testClock(new Date(Date.now() + 100 * DAY));
let t: TestApp;
before(async () => {
  t = await startTestApp({ clock, env: { TIMER_HANDOVER: "P5D", TIMER_AUTO_ACCEPT: "P3D" } });
});
after(() => t?.close());

const startAfter = async (name: string, entryId: string) => {
  const { rows } = await sql<{ at: Date }>`
    SELECT start_after AS at FROM pgboss.job WHERE name = ${name} AND data->>'entryId' = ${entryId}`.execute(
    t.db,
  );
  assert.equal(rows.length, 1);
  return new Date((rows[0] as { at: Date }).at).toISOString();
};

async function awarded() {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 100_000);
  const task = await postContest(t, buyer, {
    prizesMinor: [100_000],
    submissionDeadline: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
  });
  const provider = await signUp(t.app);
  const entry = await enterText(t, provider, task.id, "an idea");
  const awardedAt = clock.now();
  const res = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [{ entryId: entry.id, prizeIndex: 0 }],
  });
  assert.equal(res.statusCode, 200, res.body);
  return { buyer, provider, task, entry, awardedAt };
}

const detail = async (taskId: string) => (await call(t, undefined, "GET", `/tasks/${taskId}`)).json().task;

test("a 5-day handover period: due 5 days after the award by the injected clock; the lapse waits for it", async () => {
  const { task, entry, awardedAt } = await awarded();
  const due = new Date(awardedAt.getTime() + 5 * DAY).toISOString();
  assert.equal((await detail(task.id)).awards[0].handoverDueAt, due, "due date from the app's clock");
  assert.equal(await startAfter("contest-handover-due", entry.id), due, "the timer job starts then");

  assert.equal(await contestTimers.handoverDue(t, entry.id), "skipped", "not a moment early");
  clock.advance(5 * DAY - 1);
  assert.equal(await contestTimers.handoverDue(t, entry.id), "skipped", "1 ms before the due date");
  clock.advance(1);
  assert.equal(await contestTimers.handoverDue(t, entry.id), "lapsed");
  const after = (await detail(task.id)).awards[0];
  assert.equal(after.status, "lapsed");
  assert.equal(after.lapsedAt, due);
});

// Must-show 3: a contest award's auto-accept decided by the injected clock, no sleeping. The
// handover delivers the award's payable; its one timer is the payables.auto-accept job, run here
// exactly as the worker runs it.
const kinds = { contest_award: contestPayableKind };
const payableOf = (entryId: string) =>
  t.db
    .selectFrom("payables")
    .selectAll()
    .where("kind", "=", "contest_award")
    .where("source_id", "=", entryId)
    .executeTakeFirstOrThrow();
const payableJobStart = async (payableId: string) => {
  const { rows } = await sql<{ at: Date }>`
    SELECT start_after AS at FROM pgboss.job
    WHERE name = 'payables.auto-accept' AND data->>'payableId' = ${payableId}`.execute(t.db);
  assert.equal(rows.length, 1);
  return new Date((rows[0] as { at: Date }).at).toISOString();
};

test("auto-accept: the handover starts a 3-day timer by the injected clock; its job pays the winner then, once", async () => {
  const { provider, buyer, task, entry } = await awarded();
  const res = await call(t, provider, "POST", `/entries/${entry.id}/handover`, { text: "final files" });
  assert.equal(res.statusCode, 200, res.body);
  const handedOverAt = clock.now();
  const payable = await payableOf(entry.id);
  assert.equal(payable.status, "delivered");
  const due = new Date(handedOverAt.getTime() + 3 * DAY).toISOString();
  assert.equal(new Date(payable.auto_accept_at as Date).toISOString(), due);
  assert.equal(await payableJobStart(payable.id), due, "the job starts then");

  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "not_due", "not a moment early");
  clock.advance(3 * DAY - 1);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "not_due", "1 ms before");
  assert.equal((await detail(task.id)).awards[0].status, "handed_over");
  clock.advance(1);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "paid");
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "skipped", "a second run pays nobody");
  assert.equal(await contestTimers.autoAccept(t, entry.id), "skipped");
  const final = await detail(task.id);
  assert.equal(final.status, "completed");
  assert.equal(final.awards[0].status, "paid");
  const paid = await payableOf(entry.id);
  assert.equal(paid.status, "paid");
  assert.equal(paid.accepted_by, "system:payables.auto-accept");
  assert.equal(new Date(paid.paid_at as Date).toISOString(), clock.now().toISOString());
  // The buyer accepting afterwards is refused (409), nothing paid twice.
  const again = await call(t, buyer, "POST", `/entries/${entry.id}/accept`);
  assert.equal(again.statusCode, 409, again.body);
});

test("a disputed payable is frozen: no auto-accept when due, the buyer's accept is 409", async () => {
  const { provider, buyer, task, entry } = await awarded();
  assert.equal(
    (await call(t, provider, "POST", `/entries/${entry.id}/handover`, { text: "v1" })).statusCode,
    200,
  );
  const payable = await payableOf(entry.id);
  // No dispute feature yet: the one place a dispute will freeze a payable is its `dispute` transition.
  await inTransaction(t.db, (tx) =>
    transition(tx, {
      subject: payableSubject(payable.id),
      machine: payableMachine,
      name: "dispute",
      actor: { kind: "account_id", accountId: buyer.user.id },
      at: clock.now(),
    }),
  );
  clock.advance(30 * DAY);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "skipped");
  const res = await call(t, buyer, "POST", `/entries/${entry.id}/accept`);
  assert.equal(res.statusCode, 409, res.body);
  assert.equal(res.json().error.code, "invalid_transition");
  assert.equal((await payableOf(entry.id)).status, "disputed");
  assert.equal((await detail(task.id)).status, "awarded");
});
