// The audit reconciles the ledger with the world outside it, not only with itself: each wrong state
// below keeps every internal invariant (money sums to zero, balances match transfers, each top-up
// settled once, each prize paid once) and used to pass; now exactly one named check fails, with the
// culprit in its details. And a clean run after normal activity is ok.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { postSandboxWebhook, sandboxEvent } from "../../../test/helpers/money.ts";
import { inTransaction } from "../../core/transaction.ts";
import { accounts, TransferCodes } from "../../ledger/chart.ts";
import { ensureAccounts, postTransfers } from "../../ledger/ledger.ts";
import { call, enterText, fund, postContest, waitFor, wallet } from "../contests/contests.fixtures.ts";

type Audit = { ok: boolean; checks: { name: string; ok: boolean; details: Record<string, unknown[]> }[] };

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function app(options: { workers?: boolean } = {}) {
  const t = await startTestApp(options);
  apps.push(t);
  return { t, operator: await signUpOperator(t.app, t) };
}

async function audit(t: TestApp, operator: SignedUp): Promise<Audit> {
  const res = await call(t, operator, "GET", "/admin/ledger/audit");
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Audit;
}

/** The audit fails on exactly `name`, and its details name `culprit`. */
async function failsOnlyOn(t: TestApp, operator: SignedUp, name: string, culprit: string) {
  const result = await audit(t, operator);
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.checks.filter((c) => !c.ok).map((c) => c.name),
    [name],
  );
  const check = result.checks.find((c) => c.name === name);
  assert.match(JSON.stringify(check?.details), new RegExp(culprit));
}

let clean: Awaited<ReturnType<typeof app>>;
before(async () => {
  clean = await app({ workers: true });
});

test("a clean run after normal activity — sandbox payment, contest paid with its fee, withdrawal paid — is ok", async () => {
  const { t, operator } = clean;
  const buyer = await signUp(t.app);
  // A top-up paid on the sandbox provider by its owner; the provider's webhook job settles it.
  const created = await call(t, buyer, "POST", "/wallet/top-ups", { amountMinor: 100_000, method: "alipay" });
  const topUpId = created.json().topUp.id as string;
  const paid = await call(t, buyer, "POST", `/payments/sandbox/top-ups/${topUpId}/pay`, {
    outcome: "succeeded",
  });
  assert.equal(paid.statusCode, 202, paid.body);
  await waitFor(
    () => wallet(t, buyer),
    (w) => w.availableMinor === 100_000,
  );
  await fund(t, buyer, 150_000);
  const task = await postContest(t, buyer);
  const [p1, p2] = [await signUp(t.app), await signUp(t.app)];
  const e1 = await enterText(t, p1, task.id, "one");
  const e2 = await enterText(t, p2, task.id, "two");
  const awarded = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [
      { entryId: e1.id, prizeIndex: 0 },
      { entryId: e2.id, prizeIndex: 1 },
    ],
  });
  assert.equal(awarded.statusCode, 200, awarded.body);
  assert.equal((await call(t, p1, "POST", `/entries/${e1.id}/handover`, { text: "final" })).statusCode, 200);
  const accepted = await call(t, buyer, "POST", `/entries/${e1.id}/accept`);
  assert.equal(accepted.statusCode, 200, accepted.body);
  const withdrawal = await call(t, p1, "POST", "/wallet/withdrawals", {
    amountMinor: 50_000,
    destination: { method: "alipay", account: "p1@example.cn" },
  });
  assert.equal(withdrawal.statusCode, 201, withdrawal.body);
  const approved = await call(
    t,
    operator,
    "POST",
    `/admin/withdrawals/${withdrawal.json().withdrawal.id}/approve`,
  );
  assert.equal(approved.statusCode, 200, approved.body);
  await waitFor(
    () => call(t, p1, "GET", `/wallet/withdrawals/${withdrawal.json().withdrawal.id}`).then((r) => r.json()),
    (r) => r.withdrawal.status === "paid",
  );

  const result = await audit(t, operator);
  assert.equal(result.ok, true, JSON.stringify(result.checks.filter((c) => !c.ok)));
  const names = result.checks.map((c) => c.name);
  for (const name of [
    "top_ups_match_provider_charges",
    "provider_charges_credited",
    "payouts_match_withdrawals",
    "releases_match_awards",
    "escrow_accounts_have_subjects",
    "sum_zero",
    "escrow_matches_owed",
  ]) {
    assert.ok(names.includes(name), `${name} runs`);
  }
});

test("a ¥999,999 top-up credited by a validly signed webhook with no charge at the provider → top_ups_match_provider_charges", async () => {
  const { t, operator } = await app();
  const mallory = await signUp(t.app);
  const created = await call(t, mallory, "POST", "/wallet/top-ups", {
    amountMinor: 99_999_900,
    method: "card",
  });
  const id = created.json().topUp.id as string;
  // Signed with the install's secret (as the old public one allowed anyone to), but nobody paid.
  const hook = await postSandboxWebhook(t, sandboxEvent({ topUpId: id, amountMinor: 99_999_900 }));
  assert.equal(hook.json().outcome, "settled_succeeded");
  assert.equal((await wallet(t, mallory)).availableMinor, 99_999_900);
  await failsOnlyOn(t, operator, "top_ups_match_provider_charges", `topup:${id}`);
});

test("a prize released as 1 fen with the rest as 'fee' → releases_match_awards", async () => {
  const { t, operator } = await app();
  const buyer = await signUp(t.app);
  await fund(t, buyer, 250_000);
  const task = await postContest(t, buyer);
  const winner = await signUp(t.app);
  const entry = await enterText(t, winner, task.id, "mine");
  const awarded = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [{ entryId: entry.id, prizeIndex: 0 }],
  });
  assert.equal(awarded.statusCode, 200, awarded.body);
  // What a buggy accept could post: release + fee sum to the prize (prizes_paid_once holds), the
  // award is marked paid (escrow_matches_owed holds), but the split is not the task's fee.
  await inTransaction(t.db, async (tx) => {
    const escrow = accounts.escrowTask(task.id, buyer.user.id);
    const provider = accounts.wallet(winner.user.id);
    const revenue = accounts.platformRevenue(`task:${task.id}:prize:0:fee`);
    await ensureAccounts(tx, [escrow, provider, revenue]);
    const ref = { type: "entry", id: entry.id };
    await postTransfers(tx, [
      {
        id: `task:${task.id}:prize:0:release`,
        debitAccountId: escrow.id,
        creditAccountId: provider.id,
        amount: 1,
        code: TransferCodes.escrowRelease,
        ref,
      },
      {
        id: `task:${task.id}:prize:0:fee`,
        debitAccountId: escrow.id,
        creditAccountId: revenue.id,
        amount: 199_999,
        code: TransferCodes.platformFee,
        ref,
      },
    ]);
    await sql`UPDATE awards SET paid_at = now(), fee_minor = 199999 WHERE entry_id = ${entry.id}`.execute(tx);
    await sql`UPDATE entries SET status = 'paid', paid_at = now() WHERE id = ${entry.id}`.execute(tx);
  });
  await failsOnlyOn(t, operator, "releases_match_awards", `task:${task.id}:prize:0:release`);
});

test("escrow held for a task that does not exist → escrow_accounts_have_subjects", async () => {
  const { t, operator } = await app();
  const buyer = await signUp(t.app);
  await fund(t, buyer, 80_000);
  const ghost = randomUUID();
  await inTransaction(t.db, async (tx) => {
    const from = accounts.wallet(buyer.user.id);
    const escrow = accounts.escrowTask(ghost, buyer.user.id);
    await ensureAccounts(tx, [from, escrow]);
    await postTransfers(tx, [
      {
        id: `task:${ghost}:fund`,
        debitAccountId: from.id,
        creditAccountId: escrow.id,
        amount: 80_000,
        code: TransferCodes.escrowFund,
        ref: { type: "task", id: ghost },
      },
    ]);
  });
  assert.equal((await wallet(t, buyer)).inEscrowMinor, 80_000);
  await failsOnlyOn(t, operator, "escrow_accounts_have_subjects", `escrow:task:${ghost}`);
});
