// A model-based test of the piece-rate lifecycle (fast-check): random sequences of submit, accept,
// reject, the deadline and the review end, run through HTTP against the real app and against a
// small model of the rules. Every answer must be the one the model predicts, and after every run
// (the timers forced to the end) the money must add up: the escrow = unit × pieces still payable,
// never more than `quantity` paid, each paid piece unit − fee to its author, the rest back to the
// buyer, and the ledger audit green.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import { fund, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { accept, audit, pieceworkBody, postPiecework, reject, taskOf } from "./piecework.fixtures.ts";
import { pieceworkTimers } from "./piecework.jobs.ts";

const DAY = 86_400_000;
const UNIT = 5_000;
const FEE = 500; // 10 %
const clock = testClock(new Date(Date.now() + 300 * DAY));
let t: TestApp;
let buyer: SignedUp;
let providers: SignedUp[];
before(async () => {
  t = await startTestApp({ clock, env: { TIMER_PIECE_REVIEW: "P3D", PLATFORM_FEE_BPS: "1000" } });
  buyer = await signUp(t.app);
  providers = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
  await fund(t, buyer, 10_000_000);
});
after(() => t?.close());

type Action =
  | { kind: "submit"; provider: number }
  | { kind: "accept"; piece: number }
  | { kind: "reject"; piece: number }
  | { kind: "deadline" }
  | { kind: "reviewEnd" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("submit" as const), provider: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("accept" as const), piece: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reject" as const), piece: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "deadline" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reviewEnd" as const }) },
);

type Piece = { id: string; provider: number; status: "submitted" | "paid" | "rejected" };
type Model = {
  status: "open" | "selecting" | "completed" | "refunded";
  quantity: number;
  max: number;
  pieces: Piece[];
};

const paidOf = (m: Model) => m.pieces.filter((p) => p.status === "paid").length;

/** The task ends: waiting pieces rejected, completed with ≥ 1 paid, else refunded. */
function settle(m: Model) {
  for (const p of m.pieces) if (p.status === "submitted") p.status = "rejected";
  m.status = paidOf(m) > 0 ? "completed" : "refunded";
}

function reviewEnd(m: Model) {
  for (const p of m.pieces) {
    if (paidOf(m) >= m.quantity) break;
    if (p.status === "submitted") p.status = "paid";
  }
  settle(m);
}

test("the piece-rate lifecycle against its model", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(action, { minLength: 1, maxLength: 14 }),
      async (quantity, max, actions) => {
        const before = await Promise.all(providers.map((p) => wallet(t, p)));
        const buyerBefore = await wallet(t, buyer);
        const deadline = new Date(clock.now().getTime() + DAY);
        const task = await postPiecework(
          t,
          buyer,
          pieceworkBody(deadline, { quantity, maxPerProvider: max, unitPriceMinor: UNIT }),
        );
        const m: Model = { status: "open", quantity, max, pieces: [] };
        for (const a of actions) {
          if (a.kind === "submit") {
            const live = m.pieces.filter((p) => p.provider === a.provider && p.status !== "rejected").length;
            const res = await call(t, providers[a.provider], "POST", `/tasks/${task.id}/entries`, {
              text: `piece by ${a.provider}`,
            });
            if (m.status === "open" && live < m.max) {
              assert.equal(res.statusCode, 201, res.body);
              m.pieces.push({ id: res.json().entry.id, provider: a.provider, status: "submitted" });
            } else {
              assert.equal(res.statusCode, 409, res.body);
            }
          } else if (a.kind === "accept" || a.kind === "reject") {
            const piece = m.pieces[a.piece % Math.max(1, m.pieces.length)];
            if (!piece) continue;
            const res =
              a.kind === "accept" ? await accept(t, buyer, piece.id) : await reject(t, buyer, piece.id, "no");
            if (piece.status === "submitted") {
              assert.equal(res.statusCode, 200, res.body);
              piece.status = a.kind === "accept" ? "paid" : "rejected";
              if (a.kind === "accept" && paidOf(m) === m.quantity) settle(m);
            } else {
              assert.equal(res.statusCode, 409, res.body);
            }
          } else if (a.kind === "deadline") {
            if (clock.now() < deadline) clock.set(deadline);
            const result = await pieceworkTimers.deadline(t, task.id);
            if (m.status === "open") {
              if (m.pieces.some((p) => p.status === "submitted")) m.status = "selecting";
              else settle(m);
              assert.equal(result, m.status);
            } else {
              assert.equal(result, "skipped");
            }
          } else {
            const result = await pieceworkTimers.reviewEnd(t, task.id);
            if (m.status === "selecting") {
              // The review end's time has come only 3 days after the deadline.
              assert.equal(result, "not_due");
              clock.set(new Date(deadline.getTime() + 3 * DAY));
              const ended = await pieceworkTimers.reviewEnd(t, task.id);
              reviewEnd(m);
              assert.equal(ended, m.status);
            } else {
              assert.equal(result, "skipped");
            }
          }
          const seen = await taskOf(t, task.id);
          assert.equal(seen.status, m.status);
          const paid = paidOf(m);
          assert.equal(seen.pieces.paid, paid);
          assert.ok(paid <= quantity);
          const open = m.status === "open" || m.status === "selecting";
          assert.equal(
            seen.escrowMinor,
            open ? UNIT * (quantity - paid) : 0,
            "escrow = unit × pieces payable",
          );
        }
        // The timers to the end: every run finishes closed.
        if (m.status === "open") {
          clock.set(deadline);
          await pieceworkTimers.deadline(t, task.id);
          if (m.pieces.some((p) => p.status === "submitted")) m.status = "selecting";
          else settle(m);
        }
        if (m.status === "selecting") {
          clock.set(new Date(deadline.getTime() + 3 * DAY));
          await pieceworkTimers.reviewEnd(t, task.id);
          reviewEnd(m);
        }
        const done = await taskOf(t, task.id);
        assert.equal(done.status, m.status);
        assert.equal(done.escrowMinor, 0);
        const paid = paidOf(m);
        const afterWallets = await Promise.all(providers.map((p) => wallet(t, p)));
        providers.forEach((_, i) => {
          const mine = m.pieces.filter((p) => p.provider === i && p.status === "paid").length;
          assert.equal(
            (afterWallets[i]?.availableMinor ?? 0) - (before[i]?.availableMinor ?? 0),
            mine * (UNIT - FEE),
          );
        });
        assert.equal(buyerBefore.availableMinor - (await wallet(t, buyer)).availableMinor, paid * UNIT);
        await audit(t);
        clock.advance(DAY);
      },
    ),
    { numRuns: 25, seed: 11 },
  );
});
