// Model-based test of the wallet through the HTTP API: random sequences of top-ups, webhook
// deliveries (duplicates, failures, late events), withdrawals (alone and in concurrent bursts),
// approvals, rejections, payouts and replays of keyed requests, checked against an in-memory model
// after every command; the audit must pass after every run.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { deliverTopUp } from "../../../test/helpers/money.ts";
import { sandboxPayoutProvider } from "../../payments/sandbox.ts";
import { completePayout } from "./complete-payout.ts";
import { runAudit } from "./wallet.routes.ts";

// No workers: payouts run when the model says so (RunPayouts), so every step is deterministic.
const t = await startTestApp();
after(() => t.close());
const operator = await signUpOperator(t.app, t);

type TopUpM = { id: string; user: number; amount: number; status: "pending" | "succeeded" | "failed" };
type WithdrawalM = {
  id: string;
  user: number;
  amount: number;
  fails: boolean;
  status: "pending" | "approved" | "paid" | "failed" | "rejected";
};
type Keyed = { user: number; url: string; key: string; body: object; status: number; response: unknown };
type Model = {
  available: number[];
  held: number[];
  topUps: TopUpM[];
  withdrawals: WithdrawalM[];
  keyed: Keyed[];
};
type Real = { users: SignedUp[]; run: number };

let keys = 0;
const nextKey = () => `k-${++keys}-${Math.random().toString(36).slice(2, 8)}`;

function post(who: SignedUp, url: string, body?: object, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: { ...who.headers, ...headers },
    ...(body ? { payload: body } : {}),
  });
}

async function checkBalances(m: Model, r: Real) {
  for (const [i, u] of r.users.entries()) {
    const res = await t.app.inject({ url: "/api/v1/wallet", headers: u.headers });
    const w = res.json();
    assert.deepEqual([w.availableMinor, w.pendingWithdrawalMinor], [m.available[i], m.held[i]], `user ${i}`);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;
const always = () => true;

const topUp = (user: number, amount: number): Cmd => ({
  check: always,
  async run(m, r) {
    const key = nextKey();
    const body = { amountMinor: amount, method: "alipay" };
    const res = await post(r.users[user] as SignedUp, "/wallet/top-ups", body, { "idempotency-key": key });
    assert.equal(res.statusCode, 201, res.body);
    m.topUps.push({ id: res.json().topUp.id, user, amount, status: "pending" });
    m.keyed.push({ user, url: "/wallet/top-ups", key, body, status: 201, response: res.json() });
    await checkBalances(m, r);
  },
  toString: () => `topUp(${user}, ${amount})`,
});

const webhook = (i: number, outcome: "succeeded" | "failed"): Cmd => ({
  check: (m) => m.topUps.length > 0,
  async run(m, r) {
    const tu = m.topUps[i % m.topUps.length] as TopUpM;
    await deliverTopUp(t, { id: tu.id, amountMinor: tu.amount }, outcome);
    // The first outcome settles a pending top-up; a later success of a failed one is credited (the
    // provider charged the payer after all); a failure never takes a credit back.
    if (tu.status === "pending" || (tu.status === "failed" && outcome === "succeeded")) {
      tu.status = outcome;
      if (outcome === "succeeded") m.available[tu.user] = (m.available[tu.user] ?? 0) + tu.amount;
    }
    await checkBalances(m, r);
  },
  toString: () => `webhook(${i}, ${outcome})`,
});

const withdrawBurst = (user: number, amounts: number[], fails: boolean): Cmd => ({
  check: always,
  async run(m, r) {
    const before = m.available[user] as number;
    const requests = amounts.map((amount, j) => {
      const key = nextKey();
      const body = {
        amountMinor: amount,
        destination: { method: "bank", account: fails && j === 0 ? "will-fail" : "6222" },
      };
      return {
        key,
        body,
        amount,
        res: post(r.users[user] as SignedUp, "/wallet/withdrawals", body, { "idempotency-key": key }),
      };
    });
    let accepted = 0;
    const refused: number[] = [];
    for (const q of requests) {
      const res = await q.res;
      assert.ok([201, 402].includes(res.statusCode), res.body);
      m.keyed.push({
        user,
        url: "/wallet/withdrawals",
        key: q.key,
        body: q.body,
        status: res.statusCode,
        response: res.json(),
      });
      if (res.statusCode === 201) {
        accepted += q.amount;
        m.withdrawals.push({
          id: res.json().withdrawal.id,
          user,
          amount: q.amount,
          fails: q.body.destination.account.includes("fail"),
          status: "pending",
        });
      } else refused.push(q.amount);
    }
    // Whatever the order the server chose: never more than was available, and each refusal was
    // right (it did not fit even in what was left at the end).
    assert.ok(accepted <= before, `accepted ${accepted} of ${before}`);
    for (const a of refused) assert.ok(a > before - accepted, `refused ${a} with ${before - accepted} left`);
    m.available[user] = before - accepted;
    m.held[user] = (m.held[user] ?? 0) + accepted;
    await checkBalances(m, r);
  },
  toString: () => `withdrawBurst(${user}, [${amounts}], fails=${fails})`,
});

const review = (i: number, how: "approve" | "reject"): Cmd => ({
  check: (m) => m.withdrawals.length > 0,
  async run(m, r) {
    const w = m.withdrawals[i % m.withdrawals.length] as WithdrawalM;
    const res = await post(operator, `/admin/withdrawals/${w.id}/${how}`);
    if (w.status !== "pending") {
      assert.equal(res.statusCode, 409, res.body);
    } else {
      assert.equal(res.statusCode, 200, res.body);
      w.status = how === "approve" ? "approved" : "rejected";
      if (how === "reject") {
        m.held[w.user] = (m.held[w.user] ?? 0) - w.amount;
        m.available[w.user] = (m.available[w.user] ?? 0) + w.amount;
      }
    }
    await checkBalances(m, r);
  },
  toString: () => `${how}(${i})`,
});

const runPayouts: Cmd = {
  check: always,
  async run(m, r) {
    const provider = sandboxPayoutProvider();
    for (const w of m.withdrawals.filter((x) => x.status === "approved")) {
      assert.equal(await completePayout(t.db, provider, w.id), w.fails ? "failed" : "paid");
      // Running it again (a job retried after a crash) changes nothing.
      assert.equal(await completePayout(t.db, provider, w.id), w.fails ? "failed" : "paid");
      w.status = w.fails ? "failed" : "paid";
      m.held[w.user] = (m.held[w.user] ?? 0) - w.amount;
      if (w.fails) m.available[w.user] = (m.available[w.user] ?? 0) + w.amount;
    }
    await checkBalances(m, r);
  },
  toString: () => "runPayouts",
};

const replay = (i: number, sameBody: boolean): Cmd => ({
  check: (m) => m.keyed.length > 0,
  async run(m, r) {
    const k = m.keyed[i % m.keyed.length] as Keyed;
    const body = sameBody
      ? k.body
      : { ...k.body, amountMinor: 1 + ((k.body as { amountMinor: number }).amountMinor % 7) + 1_000_000 };
    const res = await post(r.users[k.user] as SignedUp, k.url, body, { "idempotency-key": k.key });
    if (sameBody) {
      assert.equal(res.statusCode, k.status);
      assert.deepEqual(res.json(), k.response);
    } else {
      assert.equal(res.statusCode, 422, res.body);
    }
    await checkBalances(m, r);
  },
  toString: () => `replay(${i}, ${sameBody ? "same" : "different"} body)`,
});

const amount = fc.integer({ min: 1, max: 20_000 });
const commands = [
  fc.tuple(fc.nat({ max: 1 }), amount).map(([u, a]) => topUp(u, a)),
  fc
    .tuple(fc.nat(), fc.constantFrom<"succeeded" | "failed">("succeeded", "succeeded", "failed"))
    .map(([i, o]) => webhook(i, o)),
  fc
    .tuple(fc.nat({ max: 1 }), fc.array(amount, { minLength: 1, maxLength: 6 }), fc.boolean())
    .map(([u, a, f]) => withdrawBurst(u, a, f)),
  fc
    .tuple(fc.nat(), fc.constantFrom<"approve" | "reject">("approve", "reject"))
    .map(([i, h]) => review(i, h)),
  fc.constant(runPayouts),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, s]) => replay(i, s)),
];

test("wallet model: random top-ups, webhooks, withdrawal bursts, reviews, payouts, replays", {
  timeout: 600_000,
}, async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      const users = [await signUp(t.app), await signUp(t.app)];
      const model: Model = { available: [0, 0], held: [0, 0], topUps: [], withdrawals: [], keyed: [] };
      // Start with money in both wallets, so that withdrawals and reviews happen in most runs.
      for (const [i, u] of users.entries()) {
        const res = await post(u, "/wallet/top-ups", { amountMinor: 30_000, method: "card" });
        await deliverTopUp(t, { id: res.json().topUp.id, amountMinor: 30_000 });
        model.available[i] = 30_000;
      }
      await fc.asyncModelRun(() => ({ model, real: { users, run: ++run } }), cmds);
      const audit = await runAudit({ db: t.db });
      assert.ok(audit.ok, JSON.stringify(audit.checks.filter((c) => !c.ok)));
    }),
    { numRuns: Number(process.env.LJ_MODEL_RUNS ?? 15) },
  );
});
