// Issue 8, "Money and contests": a winner who never hands over no longer leaves the prize in escrow
// forever. TIMER_HANDOVER after the award the award lapses; the buyer may award that prize again
// (to another provider) within TIMER_CONTEST_SELECTION; after that a guaranteed contest awards it
// automatically, a refundable one refunds it (minus the fail fee on it), and a prize nobody else can
// win is refunded. The timers run here as the workers run them (contestTimers), twice where it
// matters; the handover period is 0 s (TIMER_HANDOVER=PT0S), so "time passes" at once. The escrow
// audit passes after every scenario.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError } from "../../../test/helpers/http.ts";
import { contestTransfers, fund, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { audit, enterText, postContest } from "./contests.fixtures.ts";
import { contestTimers } from "./contests.jobs.ts";

// `t`: the buyer has the default 7 days to award a lapsed prize again. `late`: 0 s, so the re-award
// period is over as soon as the award lapsed.
let t: TestApp;
let late: TestApp;
let workers: TestApp;
before(async () => {
  t = await startTestApp({ env: { TIMER_HANDOVER: "PT0S", CONTEST_FAIL_FEE_BPS: "500" } });
  late = await startTestApp({
    env: { TIMER_HANDOVER: "PT0S", TIMER_CONTEST_SELECTION: "PT0S", CONTEST_FAIL_FEE_BPS: "500" },
  });
  // The real job workers, with short periods: the timers are registered, durable and chained.
  workers = await startTestApp({
    env: { TIMER_HANDOVER: "PT1S", TIMER_CONTEST_SELECTION: "PT1S" },
    workers: true,
  });
});
after(async () => {
  await t?.close();
  await late?.close();
  await workers?.close();
});

type Task = {
  status: string;
  escrowMinor: number;
  awards: {
    prizeIndex: number;
    entryId: string;
    status: string;
    awardedBy: string;
    handoverDueAt: string | null;
    lapsedAt: string | null;
    reawardEndsAt: string | null;
  }[];
  prizes: { prizeIndex: number; status: string; reawardEndsAt: string | null }[];
};
const detail = async (app: TestApp, id: string): Promise<Task> =>
  (await call(app, undefined, "GET", `/tasks/${id}`)).json().task;
const award = (
  app: TestApp,
  buyer: SignedUp,
  taskId: string,
  awards: { entryId: string; prizeIndex: number }[],
) => call(app, buyer, "POST", `/tasks/${taskId}/awards`, { awards });
const handOver = (app: TestApp, who: SignedUp, entryId: string) =>
  call(app, who, "POST", `/entries/${entryId}/handover`, { text: "final files" });
const accept = (app: TestApp, buyer: SignedUp, entryId: string) =>
  call(app, buyer, "POST", `/entries/${entryId}/accept`);
const handoverJobs = async (app: TestApp, entryId: string) => {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pgboss.job
    WHERE name = 'contest-handover-due' AND data->>'entryId' = ${entryId}`.execute(app.db);
  return rows[0]?.n;
};

/**
 * A contest with one entry per provider (provider 0 enters twice when `twice`), and the first
 * `awarded` prizes awarded by the buyer to providers 0, 1, … in order.
 */
async function awardedContest(
  app: TestApp,
  options: {
    prizesMinor: number[];
    providers: number;
    awarded: number;
    guaranteed?: boolean;
    twice?: boolean;
  },
) {
  const buyer = await signUp(app.app);
  const pool = options.prizesMinor.reduce((a, b) => a + b, 0);
  await fund(app, buyer, pool);
  const task = await postContest(app, buyer, {
    prizesMinor: options.prizesMinor,
    guaranteed: options.guaranteed ?? true,
  });
  const providers: SignedUp[] = [];
  const entries: { id: string }[] = [];
  for (let i = 0; i < options.providers; i++) {
    const p = await signUp(app.app);
    providers.push(p);
    entries.push(await enterText(app, p, task.id, `idea ${i}`));
  }
  const second = options.twice
    ? await enterText(app, providers[0] as SignedUp, task.id, "idea 0, again")
    : undefined;
  if (options.awarded > 0) {
    const res = await award(
      app,
      buyer,
      task.id,
      Array.from({ length: options.awarded }, (_, i) => ({
        entryId: (entries[i] as { id: string }).id,
        prizeIndex: i,
      })),
    );
    assert.equal(res.statusCode, 200, res.body);
  }
  return { buyer, task, providers, entries, second };
}

describe("the buyer awards a lapsed prize again", () => {
  test("award → no handover in time → lapse → re-award to another provider → handover → accept → paid", async () => {
    const { buyer, task, providers, entries } = await awardedContest(t, {
      prizesMinor: [200_000, 50_000],
      providers: 3,
      awarded: 2,
    });
    const [a, b, c] = providers as [SignedUp, SignedUp, SignedUp];
    const [ea, eb, ec] = entries as [{ id: string }, { id: string }, { id: string }];
    const a2 = await call(t, a, "POST", `/tasks/${task.id}/entries`, { text: "too late anyway" });
    assert.equal(a2.statusCode, 409, "awarding ended submissions");
    // The award transaction enqueued one handover timer per winner.
    assert.equal(await handoverJobs(t, ea.id), 1);
    assert.equal(await handoverJobs(t, eb.id), 1);
    // B hands over in time; A does not.
    assert.equal((await handOver(t, b, eb.id)).statusCode, 200);
    assert.equal(await contestTimers.handoverDue(t, eb.id), "skipped", "a handover in time keeps the award");
    assert.equal(await contestTimers.handoverDue(t, ea.id), "lapsed");
    assert.equal(await contestTimers.handoverDue(t, ea.id), "skipped", "run twice = once");

    const lapsed = await detail(t, task.id);
    assert.equal(lapsed.status, "awarded", "the contest waits for the re-award");
    assert.equal(lapsed.escrowMinor, 250_000, "the lapsed prize stays in escrow");
    const lapsedAward = lapsed.awards.find((x) => x.entryId === ea.id);
    assert.equal(lapsedAward?.status, "lapsed");
    assert.ok(lapsedAward?.lapsedAt && lapsedAward.reawardEndsAt && lapsedAward.handoverDueAt);
    assert.ok(Date.parse(lapsedAward.reawardEndsAt) - Date.parse(lapsedAward.lapsedAt) >= 7 * 86_400_000 - 1);
    assert.deepEqual(
      lapsed.prizes.map((p) => [p.prizeIndex, p.status]),
      [
        [0, "reawardable"],
        [1, "awarded"],
      ],
    );
    assert.equal(lapsed.prizes[0]?.reawardEndsAt, lapsedAward.reawardEndsAt);
    const asA = (await call(t, a, "GET", `/entries/${ea.id}`)).json().entry;
    assert.equal(asA.status, "lapsed");
    assert.equal(asA.award.lapsedAt, lapsedAward.lapsedAt);
    await audit(t);

    // The lapsed winner can no longer hand over; the buyer cannot give them the prize again, nor
    // award a prize that is not lapsed, nor cancel.
    expectError(await handOver(t, a, ea.id), 409, "invalid_transition");
    expectError(
      await award(t, buyer, task.id, [{ entryId: ea.id, prizeIndex: 0 }]),
      409,
      "invalid_transition",
    );
    expectError(
      await award(t, buyer, task.id, [{ entryId: ec.id, prizeIndex: 1 }]),
      409,
      "invalid_transition",
    );
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
    // Only the buyer awards.
    expectError(await award(t, c, task.id, [{ entryId: ec.id, prizeIndex: 0 }]), 403, "forbidden");

    const again = await award(t, buyer, task.id, [{ entryId: ec.id, prizeIndex: 0 }]);
    assert.equal(again.statusCode, 200, again.body);
    const reawarded = again.json().task as Task;
    assert.equal(reawarded.status, "awarded");
    const toC = reawarded.awards.find((x) => x.entryId === ec.id);
    assert.equal(toC?.status, "awarded");
    assert.equal(toC?.awardedBy, "buyer");
    assert.ok(toC?.handoverDueAt, "the new winner has a handover deadline too");
    assert.equal(await handoverJobs(t, ec.id), 1);
    assert.deepEqual(
      reawarded.prizes.map((p) => p.status),
      ["awarded", "awarded"],
    );
    // The prize is taken again: a second re-award is refused.
    expectError(
      await award(t, buyer, task.id, [{ entryId: ec.id, prizeIndex: 0 }]),
      409,
      "invalid_transition",
    );

    assert.equal((await handOver(t, c, ec.id)).statusCode, 200);
    assert.equal((await accept(t, buyer, ec.id)).statusCode, 200);
    assert.equal((await detail(t, task.id)).status, "awarded", "the second prize is not paid yet");
    assert.equal((await accept(t, buyer, eb.id)).statusCode, 200);
    const done = await detail(t, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.deepEqual(
      done.prizes.map((p) => p.status),
      ["paid", "paid"],
    );
    assert.equal((await wallet(t, c)).availableMinor, 180_000);
    assert.equal((await wallet(t, b)).availableMinor, 45_000);
    assert.equal((await wallet(t, a)).availableMinor, 0);
    assert.equal((await wallet(t, buyer)).availableMinor, 0);
    // Late timers change nothing: C's handover timer, the re-award period's end.
    assert.equal(await contestTimers.handoverDue(t, ec.id), "skipped");
    assert.equal(await contestTimers.reawardEnd(t, task.id), "skipped");
    await audit(t);
  });

  test("re-awards keep tier order (a live award counts as above); the lapsed winner's other entry cannot win", async () => {
    const { buyer, task, providers, entries, second } = await awardedContest(t, {
      prizesMinor: [200_000, 50_000, 10_000],
      providers: 6,
      awarded: 3,
      twice: true,
    });
    const [, , c, d, e, f] = providers as SignedUp[];
    const [ea, eb, ec, ed, ee, ef] = entries as { id: string }[] as [
      { id: string },
      { id: string },
      { id: string },
      { id: string },
      { id: string },
      { id: string },
    ];
    // A and B let the deadline pass; C hands over.
    assert.equal((await handOver(t, c as SignedUp, ec.id)).statusCode, 200);
    for (const x of [ea, eb, ec]) await contestTimers.handoverDue(t, x.id);
    assert.deepEqual(
      (await detail(t, task.id)).prizes.map((p) => p.status),
      ["reawardable", "reawardable", "awarded"],
    );
    // The second prize alone, while the first waits for a new winner: refused, naming the tier.
    const res = await award(t, buyer, task.id, [{ entryId: ed.id, prizeIndex: 1 }]);
    expectError(res, 400, "invalid_input");
    assert.match(
      res.json().error.message,
      /tier order: prize 2 \(prizeIndex 1, ¥500\.00\) cannot be awarded without prize 1 \(prizeIndex 0, ¥2,000\.00\)/,
    );
    // The lapsed winner's other entry.
    const again = await award(t, buyer, task.id, [
      { entryId: (second as { id: string }).id, prizeIndex: 0 },
      { entryId: ed.id, prizeIndex: 1 },
    ]);
    expectError(again, 400, "invalid_input");
    assert.match(again.json().error.message, /lapsed/);
    assert.equal((await detail(t, task.id)).escrowMinor, 260_000, "nothing moved");

    const both = await award(t, buyer, task.id, [
      { entryId: ed.id, prizeIndex: 0 },
      { entryId: ee.id, prizeIndex: 1 },
    ]);
    assert.equal(both.statusCode, 200, both.body);
    // E lapses too; D hands over. Prize 1 alone may now go to F: prize 0 above it is live (D's).
    assert.equal((await handOver(t, d as SignedUp, ed.id)).statusCode, 200);
    assert.equal(await contestTimers.handoverDue(t, ed.id), "skipped");
    assert.equal(await contestTimers.handoverDue(t, ee.id), "lapsed");
    const toF = await award(t, buyer, task.id, [{ entryId: ef.id, prizeIndex: 1 }]);
    assert.equal(toF.statusCode, 200, toF.body);
    assert.deepEqual(
      (toF.json().task as Task).awards.map((x) => [x.prizeIndex, x.status]),
      [
        [0, "lapsed"],
        [0, "handed_over"],
        [1, "lapsed"],
        [1, "lapsed"],
        [1, "awarded"],
        [2, "handed_over"],
      ],
    );
    await audit(t);
    assert.equal((await handOver(t, f as SignedUp, ef.id)).statusCode, 200);
    for (const x of [ed, ef, ec]) assert.equal((await accept(t, buyer, x.id)).statusCode, 200);
    const done = await detail(t, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(t, d as SignedUp)).availableMinor, 180_000);
    assert.equal((await wallet(t, f as SignedUp)).availableMinor, 45_000);
    assert.equal((await wallet(t, c as SignedUp)).availableMinor, 9_000);
    assert.equal((await wallet(t, e as SignedUp)).availableMinor, 0);
    await audit(t);
  });
});

describe("after the re-award period", () => {
  test("guaranteed: the lapsed prize goes to the best-rated eligible provider — never the lapsed one", async () => {
    const { buyer, task, providers, entries, second } = await awardedContest(late, {
      prizesMinor: [200_000, 50_000],
      providers: 4,
      awarded: 2,
      twice: true,
    });
    const [, b, , d] = providers as SignedUp[];
    const [ea, eb, ec, ed] = entries as { id: string }[] as [
      { id: string },
      { id: string },
      { id: string },
      { id: string },
    ];
    // A's other entry is rated best and is the earliest of the 5-star ones: it must still lose.
    for (const [id, stars] of [
      [(second as { id: string }).id, 5],
      [ec.id, 3],
      [ed.id, 5],
    ] as const) {
      assert.equal((await call(late, buyer, "POST", `/entries/${id}/rating`, { stars })).statusCode, 200);
    }
    assert.equal(await contestTimers.handoverDue(late, ea.id), "lapsed");
    // TIMER_CONTEST_SELECTION is 0 s here: the buyer's re-award period is already over.
    const tooLate = await award(late, buyer, task.id, [{ entryId: ed.id, prizeIndex: 0 }]);
    expectError(tooLate, 409, "invalid_transition");
    assert.match(tooLate.json().error.message, /re-award period has ended/);

    assert.deepEqual(await contestTimers.reawardEnd(late, task.id), { awarded: [0], refunded: [] });
    assert.equal(await contestTimers.reawardEnd(late, task.id), "skipped", "run twice = once");
    const reawarded = await detail(late, task.id);
    const toD = reawarded.awards.find((x) => x.prizeIndex === 0 && x.status === "awarded");
    assert.equal(toD?.entryId, ed.id);
    assert.equal(toD?.awardedBy, "timer");
    assert.equal(await handoverJobs(late, ed.id), 1, "the automatic award starts a handover timer too");
    assert.equal(reawarded.escrowMinor, 250_000);
    await audit(late);

    assert.equal((await handOver(late, d as SignedUp, ed.id)).statusCode, 200);
    assert.equal((await handOver(late, b as SignedUp, eb.id)).statusCode, 200);
    assert.equal((await accept(late, buyer, ed.id)).statusCode, 200);
    assert.equal((await accept(late, buyer, eb.id)).statusCode, 200);
    const done = await detail(late, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(late, d as SignedUp)).availableMinor, 180_000);
    assert.equal((await wallet(late, b as SignedUp)).availableMinor, 45_000);
    assert.equal((await wallet(late, buyer)).availableMinor, 0);
    await audit(late);
  });

  test("guaranteed with nobody else to win it: the lapsed prize is refunded in full", async () => {
    const { buyer, task, providers, entries } = await awardedContest(late, {
      prizesMinor: [200_000, 50_000],
      providers: 2,
      awarded: 2,
    });
    const [, b] = providers as SignedUp[];
    const [ea, eb] = entries as [{ id: string }, { id: string }];
    assert.equal((await handOver(late, b as SignedUp, eb.id)).statusCode, 200);
    assert.equal(await contestTimers.handoverDue(late, ea.id), "lapsed");
    assert.deepEqual(await contestTimers.reawardEnd(late, task.id), { awarded: [], refunded: [0] });
    assert.equal(await contestTimers.reawardEnd(late, task.id), "skipped");
    const after = await detail(late, task.id);
    assert.equal(after.status, "awarded");
    assert.equal(after.escrowMinor, 50_000);
    assert.deepEqual(
      after.prizes.map((p) => p.status),
      ["refunded", "awarded"],
    );
    assert.equal((await wallet(late, buyer)).availableMinor, 200_000);
    assert.deepEqual(await contestTransfers(late, task.id, 25), [], "no fail fee on a guaranteed contest");
    await audit(late);
    assert.equal((await accept(late, buyer, eb.id)).statusCode, 200);
    const done = await detail(late, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    await audit(late);
  });

  test("every award lapsed and nobody else entered: the contest ends refunded", async () => {
    const { buyer, task, entries } = await awardedContest(late, {
      prizesMinor: [100_000],
      providers: 1,
      awarded: 1,
    });
    assert.equal(await contestTimers.handoverDue(late, (entries[0] as { id: string }).id), "lapsed");
    assert.deepEqual(await contestTimers.reawardEnd(late, task.id), { awarded: [], refunded: [0] });
    const done = await detail(late, task.id);
    assert.equal(done.status, "refunded");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(late, buyer)).availableMinor, 100_000);
    await audit(late);
  });

  test("refundable: the lapsed prize is refunded minus the fail fee on it, although others entered", async () => {
    const { buyer, task, providers, entries } = await awardedContest(late, {
      prizesMinor: [200_000, 50_000],
      providers: 3,
      awarded: 2,
      guaranteed: false,
    });
    const [, b, c] = providers as SignedUp[];
    const [ea, eb, ec] = entries as [{ id: string }, { id: string }, { id: string }];
    assert.equal((await handOver(late, b as SignedUp, eb.id)).statusCode, 200);
    assert.equal(await contestTimers.handoverDue(late, ea.id), "lapsed");
    assert.deepEqual(await contestTimers.reawardEnd(late, task.id), { awarded: [], refunded: [0] });
    assert.equal(await contestTimers.reawardEnd(late, task.id), "skipped");
    // 200,000 − 5 % = 190,000 back; 10,000 kept as the fail fee on that prize.
    assert.equal((await wallet(late, buyer)).availableMinor, 190_000);
    assert.deepEqual(await contestTransfers(late, task.id, 25), [
      { id: `task:${task.id}:prize:0:fail_fee`, amount: 10_000 },
    ]);
    assert.equal(
      (await call(late, c as SignedUp, "GET", `/entries/${ec.id}`)).json().entry.status,
      "submitted",
    );
    await audit(late);
    assert.equal((await accept(late, buyer, eb.id)).statusCode, 200);
    const done = await detail(late, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(late, b as SignedUp)).availableMinor, 45_000);
    await audit(late);
  });

  test("the selection-end auto-award starts handover timers too, and its lapse is awarded on", async () => {
    const { buyer, task, providers, entries } = await awardedContest(late, {
      prizesMinor: [100_000],
      providers: 2,
      awarded: 0,
    });
    const [ea, eb] = entries as [{ id: string }, { id: string }];
    assert.equal((await call(late, buyer, "POST", `/entries/${ea.id}/rating`, { stars: 5 })).statusCode, 200);
    assert.equal(await contestTimers.submissionDeadline(late, task.id), "selecting");
    assert.equal(await contestTimers.selectionEnd(late, task.id), "auto_awarded");
    assert.equal(await handoverJobs(late, ea.id), 1);
    assert.equal(await contestTimers.handoverDue(late, ea.id), "lapsed");
    assert.equal(await contestTimers.handoverDue(late, ea.id), "skipped");
    assert.deepEqual(await contestTimers.reawardEnd(late, task.id), { awarded: [0], refunded: [] });
    assert.equal(await handoverJobs(late, eb.id), 1);
    assert.equal((await handOver(late, providers[1] as SignedUp, eb.id)).statusCode, 200);
    assert.equal(await contestTimers.autoAccept(late, eb.id), "paid");
    assert.equal(await contestTimers.autoAccept(late, eb.id), "skipped");
    const done = await detail(late, task.id);
    assert.equal(done.status, "completed");
    assert.equal((await wallet(late, providers[1] as SignedUp)).availableMinor, 90_000);
    assert.equal((await wallet(late, providers[0] as SignedUp)).availableMinor, 0);
    await audit(late);
  });
});

test("the workers run the chain: no handover → lapse → auto re-award → no handover again → lapse → refunded", async () => {
  const { buyer, task, entries } = await awardedContest(workers, {
    prizesMinor: [100_000],
    providers: 2,
    awarded: 1,
  });
  const [ea, eb] = entries as [{ id: string }, { id: string }];
  // Nobody hands over: A's award lapses after 1 s, B is awarded 1 s later, B's lapses 1 s after
  // that, and with nobody left the prize goes back to the buyer.
  const done = await waitFor(
    () => detail(workers, task.id),
    (x) => x.status === "refunded",
    30_000,
  );
  assert.deepEqual(
    done.awards.map((a) => [a.entryId, a.status, a.awardedBy]),
    [
      [ea.id, "lapsed", "buyer"],
      [eb.id, "lapsed", "timer"],
    ],
  );
  assert.equal(done.escrowMinor, 0);
  assert.deepEqual(
    done.prizes.map((p) => p.status),
    ["refunded"],
  );
  assert.equal((await wallet(workers, buyer)).availableMinor, 100_000);
  await audit(workers);
});
