// Must-show 4: a contest journey leaves exactly one domain event per state change, in order —
// post → entries → award → handover → accept, and an award that lapses and is refunded. Each
// subject's events start with its creation (contest.posted, entry.submitted, payable.created: no
// `from`) and chain (one event's `from` is the previous one's `to`, the last `to` is the row's
// status), their times come from the injected clock, and the audit log (the first consumer)
// records each of them once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { testClock } from "../../core/clock.ts";
import { drainConsumer } from "../../jobs/event-consumers.ts";
import { auditConsumer } from "../audit/audit.consumer.ts";
import { call, enterText, fund, postContest, signUp } from "./contests.fixtures.ts";
import { contestTimers } from "./contests.jobs.ts";

const HOUR = 3_600_000;
const clock = testClock();
let t: TestApp;
before(async () => {
  t = await startTestApp({ clock, env: { TIMER_HANDOVER: "PT0S", TIMER_CONTEST_SELECTION: "PT0S" } });
});
after(() => t?.close());

type Row = {
  id: number;
  subject_type: string;
  subject_id: string;
  type: string;
  data: unknown;
  occurred_at: Date;
};

async function eventsOf(subjectIds: string[]): Promise<Row[]> {
  return t.db
    .selectFrom("domain_events")
    .select(["id", "subject_type", "subject_id", "type", "data", "occurred_at"])
    .where("subject_id", "in", subjectIds)
    .orderBy("id")
    .execute();
}

/** Each subject's events start with its creation and chain to the state its row is in now. */
async function assertChains(events: Row[]) {
  const bySubject = new Map<string, Row[]>();
  for (const e of events) bySubject.set(e.subject_id, [...(bySubject.get(e.subject_id) ?? []), e]);
  for (const [id, list] of bySubject) {
    let state: string | null = null;
    for (const e of list) {
      const d = e.data as { from?: string; to: string };
      if (d.from === undefined) assert.equal(state, null, `${e.type}: a creation comes first, once`);
      else assert.equal(d.from, state, `${e.type} starts where the previous event ended`);
      state = d.to;
    }
    const table = { contest: "tasks", entry: "entries", payable: "payables" }[list[0]?.subject_type ?? ""];
    const row = await t.db
      .selectFrom(table as "tasks")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, state, `the last event of ${id} says its row's status`);
  }
}

async function contestWithEntries(options: { guaranteed: boolean }) {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 100_000);
  const task = await postContest(t, buyer, { prizesMinor: [100_000], ...options });
  const a = await signUp(t.app);
  const b = await signUp(t.app);
  const ea = await enterText(t, a, task.id, "idea A");
  const eb = await enterText(t, b, task.id, "idea B");
  return { buyer, a, task, ea, eb };
}

const payableId = async (entryId: string) =>
  (await t.db.selectFrom("payables").select("id").where("source_id", "=", entryId).executeTakeFirstOrThrow())
    .id;

describe("domain events of a contest journey", () => {
  test("post → entries → award → handover → accept: one event per state change, in order", async () => {
    const postedAt = clock.now();
    const { buyer, a, task, ea, eb } = await contestWithEntries({ guaranteed: true });
    clock.advance(HOUR);
    const awardedAt = clock.now();
    const award = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
      awards: [{ entryId: ea.id, prizeIndex: 0 }],
    });
    assert.equal(award.statusCode, 200, award.body);
    clock.advance(HOUR);
    const handedOverAt = clock.now();
    const handover = await call(t, a, "POST", `/entries/${ea.id}/handover`, { text: "final files" });
    assert.equal(handover.statusCode, 200, handover.body);
    clock.advance(HOUR);
    const acceptedAt = clock.now();
    const accept = await call(t, buyer, "POST", `/entries/${ea.id}/accept`);
    assert.equal(accept.statusCode, 200, accept.body);

    const pid = await payableId(ea.id);
    const events = await eventsOf([task.id, ea.id, eb.id, pid]);
    assert.deepEqual(
      events.map(
        (e) =>
          `${e.type} ${e.subject_id === task.id ? "task" : e.subject_id === ea.id ? "A" : e.subject_id === pid ? "payable" : "B"}`,
      ),
      [
        "contest.posted task",
        "entry.submitted A",
        "entry.submitted B",
        "contest.awarded task",
        "entry.awarded A",
        "payable.created payable",
        "entry.handed_over A",
        "payable.delivered payable",
        "payable.accepted payable",
        "payable.paid payable",
        "entry.paid A",
        "contest.completed task",
      ],
    );
    await assertChains(events);
    // Times from the injected clock; actors as they acted.
    const at = (type: string) => events.find((e) => e.type === type)?.occurred_at.toISOString();
    assert.equal(at("contest.posted"), postedAt.toISOString());
    assert.equal(at("entry.submitted"), postedAt.toISOString());
    assert.equal(at("contest.awarded"), awardedAt.toISOString());
    assert.equal(at("entry.handed_over"), handedOverAt.toISOString());
    assert.equal(at("payable.paid"), acceptedAt.toISOString());
    const paid = events.find((e) => e.type === "payable.paid")?.data as {
      feeMinor: number;
      paidMinor: number;
    };
    assert.equal(paid.feeMinor + paid.paidMinor, 100_000);

    // The audit log, the first consumer, records each event once, in the same order.
    await drainConsumer(t.db, auditConsumer);
    await drainConsumer(t.db, auditConsumer);
    const audited = await t.db
      .selectFrom("audit_events")
      .select(["action", "subject_id"])
      .where("subject_id", "in", [task.id, ea.id, eb.id, pid])
      .orderBy("id")
      .execute();
    assert.deepEqual(
      audited.map((r) => `${r.action} ${r.subject_id}`),
      events.map((e) => `${e.type} ${e.subject_id}`),
    );
  });

  test("an award that lapses and is refunded: one event per state change, in order", async () => {
    const { buyer, task, ea, eb } = await contestWithEntries({ guaranteed: false });
    const award = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
      awards: [{ entryId: ea.id, prizeIndex: 0 }],
    });
    assert.equal(award.statusCode, 200, award.body);
    assert.equal(await contestTimers.handoverDue(t, ea.id), "lapsed");
    assert.equal(await contestTimers.handoverDue(t, ea.id), "skipped");
    assert.deepEqual(await contestTimers.reawardEnd(t, task.id), { awarded: [], refunded: [0] });
    assert.equal(await contestTimers.reawardEnd(t, task.id), "skipped");

    const pid = await payableId(ea.id);
    const events = await eventsOf([task.id, ea.id, eb.id, pid]);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.subject_type}`),
      [
        "contest.posted contest",
        "entry.submitted entry",
        "entry.submitted entry",
        "contest.awarded contest",
        "entry.awarded entry",
        "payable.created payable",
        "entry.lapsed entry",
        "payable.lapsed payable",
        "contest.refunded contest",
      ],
    );
    assert.equal((events.at(-1)?.data as { transition?: string } | undefined)?.transition, "refundLapsed");
    await assertChains(events);
    const actors = await t.db
      .selectFrom("domain_events")
      .select(["type", "actor"])
      .where("subject_id", "in", [ea.id, pid])
      .where("type", "like", "%.lapsed")
      .execute();
    assert.deepEqual(
      actors.map((r) => r.actor),
      ["system:contest.handover-due", "system:contest.handover-due"],
    );
  });

  test("deadline with no entries, submissions closing, a cancel: their events", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 300_000);
    // The top-up's creation and its settlement by the provider's webhook: at the injected clock's
    // time (the clock is hours ahead of the real one here).
    const topUps = await t.db
      .selectFrom("domain_events as e")
      .innerJoin("top_ups as u", "u.id", "e.subject_id")
      .select(["e.type", "e.occurred_at"])
      .where("u.account_id", "=", buyer.user.id)
      .orderBy("e.id")
      .execute();
    assert.deepEqual(
      topUps.map((e) => [e.type, e.occurred_at.toISOString()]),
      [
        ["top_up.created", clock.now().toISOString()],
        ["top_up.succeeded", clock.now().toISOString()],
      ],
    );
    const withdrawn = await postContest(t, buyer, { prizesMinor: [100_000] });
    clock.advance(HOUR);
    assert.equal((await call(t, buyer, "POST", `/tasks/${withdrawn.id}/cancel`)).statusCode, 200);
    const cancelled = await eventsOf([withdrawn.id]);
    assert.equal(cancelled.at(-1)?.occurred_at.toISOString(), clock.now().toISOString(), "cancelled at");
    assert.deepEqual(
      cancelled.map((e) => [e.type, (e.data as { from?: string }).from ?? null]),
      [
        ["contest.posted", null],
        ["contest.cancelled", "open"],
      ],
    );
    const empty = await postContest(t, buyer, { prizesMinor: [100_000] });
    const busy = await postContest(t, buyer, { prizesMinor: [100_000] });
    await enterText(t, await signUp(t.app), busy.id, "an idea");
    assert.equal(await contestTimers.submissionDeadline(t, empty.id), "refunded");
    assert.equal(await contestTimers.submissionDeadline(t, busy.id), "selecting");
    assert.deepEqual(
      (await eventsOf([empty.id, busy.id])).map(
        (e) => `${e.type} ${e.subject_id === empty.id ? "empty" : "busy"}`,
      ),
      [
        "contest.posted empty",
        "contest.posted busy",
        "contest.refunded empty",
        "contest.submissions_closed busy",
      ],
    );
  });
});
