// Model-based lifecycle test (fast-check): random sequences of what buyers, providers and timers do
// to a contest — enter, rate, award (valid or not), hand over, accept (with reused keys), the
// deadline, the end of selection, a winner's handover deadline (the award lapses), the end of a
// lapsed prize's re-award period, auto-accept, cancel — in any order, timers run directly (as the
// workers would, possibly twice). After every step: never a 5xx, the ledger audit passes (escrow =
// unpaid prizes), and no fen is created or lost. At the end, once the timers have run out, the
// contest is final and its escrow is 0. Plus concurrent accepts and awards of one contest.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { audit, call, enterText, fund, key, postContest, signUp, wallet } from "./contests.fixtures.ts";
import { contestTimers } from "./contests.jobs.ts";

let t: TestApp;
before(async () => {
  // No workers: the test runs the timers itself, in the order fast-check picks. The handover period
  // is 0 s, so a winner who has not handed over may lapse at any step.
  t = await startTestApp({ env: { TIMER_HANDOVER: "PT0S" } });
});
after(async () => {
  await t.close();
});

type Action =
  | { kind: "enter"; p: number }
  | { kind: "rate"; e: number; stars: number }
  | { kind: "award"; picks: { e: number; prize: number }[] }
  | { kind: "handover"; e: number; byWinner: boolean }
  | { kind: "accept"; e: number; reuseKey: boolean }
  | { kind: "deadline" }
  | { kind: "selectionEnd" }
  | { kind: "autoAccept"; e: number }
  | { kind: "handoverDue"; e: number }
  | { kind: "reawardEnd" }
  | { kind: "cancel" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("enter" as const), p: fc.nat(2) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rate" as const),
      e: fc.nat(9),
      stars: fc.integer({ min: 0, max: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("award" as const),
      picks: fc.array(fc.record({ e: fc.nat(9), prize: fc.nat(2) }), { maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("handover" as const), e: fc.nat(9), byWinner: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("accept" as const), e: fc.nat(9), reuseKey: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deadline" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("selectionEnd" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("autoAccept" as const), e: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("handoverDue" as const), e: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reawardEnd" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const) }) },
);

/** What the platform kept of this contest: prize fees (22) and a fail fee (25), by transfer id. */
async function feesOf(taskId: string): Promise<number> {
  const rows = await t.db
    .selectFrom("ledger_transfers")
    .select("amount")
    .where("id", "like", `task:${taskId}:%`)
    .where("code", "in", [22, 25])
    .execute();
  return rows.reduce((s, r) => s + Number(r.amount), 0);
}

test("any sequence of actions keeps escrow = unpaid prizes and conserves every fen", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.constantFrom([200_000, 50_000], [100_000], [120_000, 60_000, 20_000]),
      fc.array(action, { minLength: 1, maxLength: 14 }),
      async (guaranteed, prizesMinor, actions) => {
        const pool = prizesMinor.reduce((a, b) => a + b, 0);
        const buyer = await signUp(t.app);
        await fund(t, buyer, pool);
        const task = await postContest(t, buyer, { guaranteed, prizesMinor });
        const providers: SignedUp[] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
        const entries: { id: string; p: number }[] = [];
        const keys: Record<string, string> = {};
        const check = async (label: string, res?: { statusCode: number; body: string }) => {
          if (res) assert.ok(res.statusCode < 500, `${label}: ${res.statusCode} ${res.body}`);
          const detail = (await call(t, undefined, "GET", `/tasks/${task.id}`)).json().task;
          const paid = (await Promise.all(providers.map((p) => wallet(t, p)))).reduce(
            (s, w) => s + w.availableMinor,
            0,
          );
          const buyerWallet = await wallet(t, buyer);
          const fees = await feesOf(task.id);
          assert.equal(
            buyerWallet.availableMinor + detail.escrowMinor + paid + fees,
            pool,
            `${label}: buyer ${buyerWallet.availableMinor} + escrow ${detail.escrowMinor} + providers ${paid} + fees ${fees}`,
          );
          return detail;
        };
        const entry = (i: number) => entries[i % Math.max(entries.length, 1)];
        for (const a of actions) {
          let res: Awaited<ReturnType<typeof call>> | undefined;
          switch (a.kind) {
            case "enter":
              res = await call(t, providers[a.p], "POST", `/tasks/${task.id}/entries`, {
                text: `idea ${entries.length}`,
              });
              if (res.statusCode === 201) entries.push({ id: res.json().entry.id, p: a.p });
              break;
            case "rate": {
              const e = entry(a.e);
              if (e) res = await call(t, buyer, "POST", `/entries/${e.id}/rating`, { stars: a.stars });
              break;
            }
            case "award":
              res = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
                awards: a.picks.flatMap((p) => {
                  const e = entry(p.e);
                  return e ? [{ entryId: e.id, prizeIndex: p.prize }] : [];
                }),
              });
              break;
            case "handover": {
              const e = entry(a.e);
              if (e) {
                const who = a.byWinner ? providers[e.p] : providers[(e.p + 1) % 3];
                res = await call(t, who, "POST", `/entries/${e.id}/handover`, { text: "final" });
              }
              break;
            }
            case "accept": {
              const e = entry(a.e);
              if (e) {
                keys[e.id] = a.reuseKey && keys[e.id] ? (keys[e.id] as string) : key();
                res = await call(t, buyer, "POST", `/entries/${e.id}/accept`, undefined, {
                  "idempotency-key": keys[e.id] as string,
                });
              }
              break;
            }
            case "deadline":
              await contestTimers.submissionDeadline(t, task.id);
              break;
            case "selectionEnd":
              await contestTimers.selectionEnd(t, task.id);
              break;
            case "autoAccept": {
              const e = entry(a.e);
              if (e) await contestTimers.autoAccept(t, e.id);
              break;
            }
            case "handoverDue": {
              const e = entry(a.e);
              if (e) await contestTimers.handoverDue(t, e.id);
              break;
            }
            case "reawardEnd":
              await contestTimers.reawardEnd(t, task.id);
              break;
            case "cancel":
              res = await call(t, buyer, "POST", `/tasks/${task.id}/cancel`);
              break;
          }
          await check(a.kind, res);
        }
        // Let time run out: deadline, selection end, the re-award periods of lapsed prizes (moved
        // into the past: 7 days pass), every winner hands over, auto-accept.
        await contestTimers.submissionDeadline(t, task.id);
        await contestTimers.selectionEnd(t, task.id);
        await t.db
          .updateTable("awards")
          .set({ reaward_ends_at: new Date(Date.now() - 1000) })
          .where("task_id", "=", task.id)
          .where("lapsed_at", "is not", null)
          .execute();
        await contestTimers.reawardEnd(t, task.id);
        await contestTimers.reawardEnd(t, task.id);
        for (const e of entries) {
          await call(t, providers[e.p], "POST", `/entries/${e.id}/handover`, { text: "final" });
          await contestTimers.autoAccept(t, e.id);
          await contestTimers.autoAccept(t, e.id);
        }
        const final = await check("end");
        assert.ok(["completed", "refunded", "cancelled"].includes(final.status), final.status);
        assert.equal(final.escrowMinor, 0);
        const lapsed = await t.db
          .selectFrom("awards")
          .select("entry_id")
          .where("task_id", "=", task.id)
          .where("lapsed_at", "is not", null)
          .execute();
        // A guaranteed contest with entries pays — unless every winner let the deadline pass and
        // nobody else was left to win (then everything went back to the buyer).
        if (entries.length > 0 && guaranteed && lapsed.length === 0) assert.equal(final.status, "completed");
        await audit(t);
      },
    ),
    { numRuns: Number(process.env.CONTEST_FC_RUNS ?? 12) },
  );
});

test("concurrent awards and accepts without keys: one wins, the rest 409, money once", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 250_000);
  const task = await postContest(t, buyer);
  const [p1, p2] = [await signUp(t.app), await signUp(t.app)];
  const e1 = await enterText(t, p1, task.id, "one");
  const e2 = await enterText(t, p2, task.id, "two");
  const bodies = [
    {
      awards: [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 1 },
      ],
    },
    {
      awards: [
        { entryId: e2.id, prizeIndex: 0 },
        { entryId: e1.id, prizeIndex: 1 },
      ],
    },
  ];
  const awards = await Promise.all(
    Array.from({ length: 6 }, (_, i) => call(t, buyer, "POST", `/tasks/${task.id}/awards`, bodies[i % 2])),
  );
  assert.equal(awards.filter((r) => r.statusCode === 200).length, 1, awards.map((r) => r.statusCode).join());
  for (const r of awards) assert.ok([200, 409].includes(r.statusCode), r.body);
  await call(t, p1, "POST", `/entries/${e1.id}/handover`, { text: "final" });
  const accepts = await Promise.all(
    Array.from({ length: 6 }, () => call(t, buyer, "POST", `/entries/${e1.id}/accept`)),
  );
  assert.equal(accepts.filter((r) => r.statusCode === 200).length, 1);
  for (const r of accepts) assert.ok([200, 409].includes(r.statusCode), r.body);
  const prize = (
    await t.db
      .selectFrom("awards")
      .select("amount_minor")
      .where("entry_id", "=", e1.id)
      .executeTakeFirstOrThrow()
  ).amount_minor;
  assert.equal((await wallet(t, p1)).availableMinor, prize - prize / 10);
  await audit(t);
});
