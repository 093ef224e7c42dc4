// The wallet through HTTP on real PostgreSQL and the real job queue: sandbox top-ups and their
// webhooks, idempotency, withdrawals under concurrency, operator review, payouts, the audit.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { assertAccess } from "../../../test/helpers/access.ts";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { exactWallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { inTransaction } from "../../core/transaction.ts";
import {
  recordSandboxCharge,
  SIGNATURE_HEADER,
  sandboxEventBody,
  sandboxWebhookSecret,
  signSandbox,
} from "../../payments/sandbox.ts";
import { sandboxPay } from "./sandbox-pay.ts";

let t: TestApp;
let operator: SignedUp;

before(async () => {
  t = await startTestApp({ workers: true });
  operator = await signUpOperator(t.app, t);
});
after(() => t.close());

type Who = SignedUp;
/** This test install's sandbox webhook secret (random, under its DATA_DIR). */
const secret = () => sandboxWebhookSecret(t.config.dataDir);
const user = () => signUp(t.app);

function call(
  who: Who | undefined,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  app: FastifyInstance = t.app,
) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who ? who.headers : {}), ...headers },
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

async function wallet(who: Who) {
  const res = await call(who, "GET", "/wallet");
  assert.equal(res.statusCode, 200);
  return res.json() as { availableMinor: number; pendingWithdrawalMinor: number; inEscrowMinor: number };
}

function signedWebhook(
  topUpId: string,
  amountMinor: number,
  outcome: "succeeded" | "failed",
  at = new Date(),
  secret = sandboxWebhookSecret(t.config.dataDir),
) {
  const body = sandboxEventBody({
    id: `evt_${topUpId}_${outcome}`,
    type: outcome === "succeeded" ? "payment.succeeded" : "payment.failed",
    topUpId,
    amountMinor,
    currency: "CNY",
  });
  return { body, signature: signSandbox(body, secret, at) };
}

function postWebhook(body: string, signature?: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers: { "content-type": "application/json", ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) },
    payload: body,
  });
}

async function createTopUp(who: Who, amountMinor: number) {
  const res = await call(who, "POST", "/wallet/top-ups", { amountMinor, method: "alipay" });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().topUp as { id: string; status: string; payUrl: string };
}

/** Top up through the provider's webhook, synchronously (tests that are not about top-ups). */
async function fund(who: Who, amountMinor: number) {
  const topUp = await createTopUp(who, amountMinor);
  // As the sandbox provider: the charge first (the audit reconciles credits with charges).
  await recordSandboxCharge(t.db, topUp.id, "succeeded");
  const { body, signature } = signedWebhook(topUp.id, amountMinor, "succeeded");
  const res = await postWebhook(body, signature);
  assert.equal(res.statusCode, 200, res.body);
  return topUp;
}

async function assertAudit() {
  const res = await call(operator, "GET", "/admin/ledger/audit");
  assert.equal(res.statusCode, 200);
  const audit = res.json();
  assert.equal(audit.ok, true, JSON.stringify(audit.checks.filter((c: { ok: boolean }) => !c.ok)));
}

describe("input", () => {
  test("amounts that are floats, negative, zero, strings or absurdly large → 400", async () => {
    const u = await user();
    await fund(u, 10_000);
    const bad = [1.5, -100, 0, "100", "abc", 1e12 + 1, 1e300, null, true, [100], { v: 1 }];
    for (const amountMinor of bad) {
      const t = await call(u, "POST", "/wallet/top-ups", { amountMinor, method: "alipay" });
      assert.equal(t.statusCode, 400, `top-up ${JSON.stringify(amountMinor)}: ${t.body}`);
      assert.equal(t.json().error.code, "invalid_input");
      const w = await call(u, "POST", "/wallet/withdrawals", {
        amountMinor,
        destination: { method: "alipay", account: "a@b.cn" },
      });
      assert.equal(w.statusCode, 400, `withdrawal ${JSON.stringify(amountMinor)}: ${w.body}`);
    }
    const noMethod = await call(u, "POST", "/wallet/top-ups", { amountMinor: 100 });
    assert.equal(noMethod.statusCode, 400);
    const badJson = await call(u, "POST", "/wallet/top-ups", "{not json", {
      "content-type": "application/json",
    });
    assert.equal(badJson.statusCode, 400);
    assert.deepEqual(await wallet(u), exactWallet({ availableMinor: 10_000 }));
  });

  test("any JSON as amountMinor: 400 unless a whole number of fen in 1..10^12, never a 500", async () => {
    const u = await user();
    await fund(u, 1_000);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.double(),
          fc.constantFrom(1e12, 1e12 + 1, 2 ** 53, -0, 0.1, "1", "１", "1e3"),
        ),
        fc.constantFrom("/wallet/top-ups", "/wallet/withdrawals"),
        async (amountMinor, url) => {
          const body =
            url === "/wallet/top-ups"
              ? { amountMinor, method: "alipay" }
              : { amountMinor, destination: { method: "bank", account: "6222" } };
          const res = await call(u, "POST", url, body);
          const valid =
            typeof amountMinor === "number" &&
            Number.isInteger(amountMinor) &&
            amountMinor >= 1 &&
            amountMinor <= 1e12;
          if (!valid) assert.equal(res.statusCode, 400, `${JSON.stringify(amountMinor)} → ${res.body}`);
          else
            assert.ok([201, 402].includes(res.statusCode), `${amountMinor} → ${res.statusCode} ${res.body}`);
        },
      ),
      { numRuns: 150 },
    );
    const w = await wallet(u);
    assert.ok(w.availableMinor >= 0 && w.availableMinor + w.pendingWithdrawalMinor === 1_000);
  });

  /** The id of `owner`'s ¥10 withdrawal, waiting for an operator (a fresh wallet funded for it). */
  async function pendingWithdrawalId(owner: Who) {
    await fund(owner, 1_000);
    const res = await call(owner, "POST", "/wallet/withdrawals", {
      amountMinor: 1_000,
      destination: { method: "bank", account: "6222" },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().withdrawal.id as string;
  }

  test("who may do what: wallet routes are the owner's, review and audit the operators'", async () => {
    await assertAccess(t, {
      request: () => ({ method: "GET", url: "/api/v1/wallet" }),
      expect: { anonymous: 401, stranger: 200, owner: 200, operator: 200 },
    });
    await assertAccess(t, {
      setup: async (owner) => (await createTopUp(owner, 500)).id,
      request: ({ data }) => ({ method: "GET", url: `/api/v1/wallet/top-ups/${data}` }),
      expect: { anonymous: 401, stranger: 404, owner: 200, operator: 404 },
    });
    await assertAccess(t, {
      setup: pendingWithdrawalId,
      request: ({ data }) => ({ method: "GET", url: `/api/v1/wallet/withdrawals/${data}` }),
      expect: { anonymous: 401, stranger: 404, owner: 200, operator: 404 },
    });
    await assertAccess(t, {
      setup: pendingWithdrawalId,
      request: ({ data }) => ({ method: "POST", url: `/api/v1/admin/withdrawals/${data}/reject` }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
    await assertAccess(t, {
      request: () => ({ method: "GET", url: "/api/v1/admin/ledger/audit" }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
    await assertAccess(t, {
      request: () => ({ method: "GET", url: "/api/v1/admin/withdrawals" }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
  });
});

describe("top-ups through the sandbox", () => {
  test("pay → asynchronous signed webhook → settled once, even delivered twice (and late)", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 12_345);
    assert.equal(topUp.status, "pending");
    assert.match(topUp.payUrl, /\/payments\/sandbox\/top-ups\//);
    const payUrl = new URL(topUp.payUrl);
    const page = await t.app.inject(`${payUrl.pathname}${payUrl.search}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /¥123\.45/);
    // Force the "twice" case: two deliveries of the same event, the second one late.
    await inTransaction(t.db, (tx) =>
      sandboxPay(tx, t.jobs, topUp.id, "succeeded", { firstDelayMs: 0, secondDelayMs: 1_500 }),
    );
    await waitFor(
      () => call(u, "GET", `/wallet/top-ups/${topUp.id}`).then((r) => r.json().topUp.status),
      (s) => s === "succeeded",
    );
    await waitFor(
      () =>
        t.db
          .selectFrom("payment_events")
          .select("deliveries")
          .where("event_id", "=", `evt_${topUp.id}_succeeded`)
          .executeTakeFirst()
          .then((r) => r?.deliveries ?? 0),
      (n) => n >= 2,
    );
    assert.equal((await wallet(u)).availableMinor, 12_345);
    // Paying again is refused: the top-up is settled.
    const again = await call(u, "POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, {
      outcome: "succeeded",
    });
    assert.equal(again.statusCode, 409);
  });

  test("the pay endpoint of API.md answers 202 and the top-up settles asynchronously", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 800);
    const res = await call(u, "POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, {
      outcome: "succeeded",
    });
    assert.equal(res.statusCode, 202, res.body);
    // A second click with the other outcome, before the webhook has landed: the provider refuses it.
    const second = await call(u, "POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, {
      outcome: "failed",
    });
    assert.equal(second.statusCode, 409, second.body);
    await waitFor(
      () => wallet(u),
      (w) => w.availableMinor === 800,
    );
    assert.equal((await call(u, "GET", `/wallet/top-ups/${topUp.id}`)).json().topUp.status, "succeeded");
  });

  test("the sandbox pay page's form returns the payer to the wallet, which follows the top-up", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 900);
    const payUrl = new URL(topUp.payUrl);
    const page = await t.app.inject({ method: "GET", url: `${payUrl.pathname}${payUrl.search}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/wallet\\?topUp=${topUp.id}"`), "a way back while pending");
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
    assert.equal(token, payUrl.searchParams.get("token"), "the form carries the pay URL's token");
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/payments/sandbox/top-ups/${topUp.id}/pay`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `token=${encodeURIComponent(token ?? "")}&outcome=succeeded`,
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/wallet?topUp=${topUp.id}`);
    await waitFor(
      () => wallet(u),
      (w) => w.availableMinor === 900,
    );
  });

  test("the sandbox pay page's form pays and returns the payer to the wallet (303)", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 4_200);
    const payUrl = new URL(topUp.payUrl);
    const path = payUrl.pathname;
    const token = payUrl.searchParams.get("token") ?? "";
    const page = await t.app.inject(`${path}${payUrl.search}`);
    assert.match(page.headers["content-type"] as string, /text\/html/);
    assert.match(page.body, /<form method="post"/);
    const form = await t.app.inject({
      method: "POST",
      url: `${path}/pay`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `outcome=succeeded&token=${token}`,
    });
    assert.equal(form.statusCode, 303, form.body);
    assert.equal(form.headers.location, `/wallet?topUp=${topUp.id}`);
    await waitFor(
      () => wallet(u),
      (w) => w.availableMinor === 4_200,
    );
    const after = await t.app.inject(`${path}${payUrl.search}`);
    assert.match(after.body, /succeeded/);
    const bad = await t.app.inject({
      method: "POST",
      url: `${path}/pay`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "outcome=maybe",
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await t.app.inject("/api/v1/payments/sandbox/top-ups/nope")).statusCode, 404);
  });

  test("a failed payment moves nothing", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 5_000);
    const res = await call(u, "POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, {
      outcome: "failed",
    });
    assert.equal(res.statusCode, 202);
    await waitFor(
      () => call(u, "GET", `/wallet/top-ups/${topUp.id}`).then((r) => r.json().topUp.status),
      (s) => s === "failed",
    );
    assert.equal((await wallet(u)).availableMinor, 0);
  });

  test("the same webhook delivered twice, even concurrently, settles once", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 7_000);
    await recordSandboxCharge(t.db, topUp.id, "succeeded");
    const { body, signature } = signedWebhook(topUp.id, 7_000, "succeeded");
    const results = await Promise.all([1, 2, 3, 4].map(() => postWebhook(body, signature)));
    for (const r of results) assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(results.map((r) => r.json().outcome).sort(), [
      "duplicate",
      "duplicate",
      "duplicate",
      "settled_succeeded",
    ]);
    const fifth = await postWebhook(body, signature);
    assert.equal(fifth.json().outcome, "duplicate");
    assert.equal((await wallet(u)).availableMinor, 7_000);
  });

  test("an unsigned, badly signed, tampered or stale webhook → 400 and nothing moves", async () => {
    const u = await user();
    const topUp = await createTopUp(u, 9_000);
    const { body, signature } = signedWebhook(topUp.id, 9_000, "succeeded");
    const tampered = body.replace("9000", "900000");
    const stale = signedWebhook(topUp.id, 9_000, "succeeded", new Date(Date.now() - 10 * 60_000));
    const cases: [string, string | undefined][] = [
      [body, undefined],
      [body, "t=1,v1=abc"],
      [body, signSandbox(body, secret()).replace(/v1=(.)/, (_, c) => `v1=${c === "0" ? "1" : "0"}`)],
      [body, signSandbox(body, "wrong-secret")],
      // The old public constant signs nothing any more.
      [body, signSandbox(body, "whsec_sandbox_liangjiang_not_a_secret")],
      [tampered, signature],
      [stale.body, stale.signature],
      ["not json", signSandbox("not json", secret())],
    ];
    for (const [b, s] of cases) {
      const res = await postWebhook(b, s);
      assert.equal(res.statusCode, 400, `${s}: ${res.body}`);
      assert.equal(res.json().error.code, "invalid_input");
    }
    const unknownProvider = await t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/alipay",
      headers: { "content-type": "application/json" },
      payload: body,
    });
    assert.equal(unknownProvider.statusCode, 404);
    assert.equal((await wallet(u)).availableMinor, 0);
    const events = await t.db
      .selectFrom("payment_events")
      .select("event_id")
      .where("event_id", "=", `evt_${topUp.id}_succeeded`)
      .execute();
    assert.equal(events.length, 0);
  });
});

describe("idempotency on money routes", () => {
  test("same Idempotency-Key + same body → same response, nothing twice; different body → 422", async () => {
    const u = await user();
    await fund(u, 50_000);
    const key = { "idempotency-key": `wd-${randomUUID()}` };
    const body = { amountMinor: 10_000, destination: { method: "alipay", account: "me@example.cn" } };
    const first = await call(u, "POST", "/wallet/withdrawals", body, key);
    assert.equal(first.statusCode, 201, first.body);
    const second = await call(u, "POST", "/wallet/withdrawals", body, key);
    assert.equal(second.statusCode, 201);
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers["idempotent-replayed"], "true");
    const w = await wallet(u);
    assert.equal(w.availableMinor, 40_000);
    assert.equal(w.pendingWithdrawalMinor, 10_000);
    const other = await call(u, "POST", "/wallet/withdrawals", { ...body, amountMinor: 20_000 }, key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, "idempotency_mismatch");
    assert.equal((await wallet(u)).availableMinor, 40_000);

    const tk = { "idempotency-key": `tu-${randomUUID()}` };
    const t1 = await call(u, "POST", "/wallet/top-ups", { amountMinor: 100, method: "card" }, tk);
    const t2 = await call(u, "POST", "/wallet/top-ups", { amountMinor: 100, method: "card" }, tk);
    assert.equal(t1.json().topUp.id, t2.json().topUp.id);
  });
});

describe("withdrawals", () => {
  test("an operator cannot approve their own withdrawal (403)", async () => {
    await fund(operator, 2_000);
    const res = await call(operator, "POST", "/wallet/withdrawals", {
      amountMinor: 1_000,
      destination: { method: "bank", account: "6222" },
    });
    assert.equal(res.statusCode, 201, res.body);
    const approve = await call(operator, "POST", `/admin/withdrawals/${res.json().withdrawal.id}/approve`);
    assert.equal(approve.statusCode, 403);
    const other = await signUpOperator(t.app, t);
    const ok = await call(other, "POST", `/admin/withdrawals/${res.json().withdrawal.id}/approve`);
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test("two deliveries of an event for an unknown top-up, at once, are both answered 200", async () => {
    const { body, signature } = signedWebhook("tu_does-not-exist", 100, "succeeded");
    const results = await Promise.all([postWebhook(body, signature), postWebhook(body, signature)]);
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200],
    );
    // Neither is recorded: an unknown top-up's event is refused, never remembered as seen.
    assert.deepEqual(
      results.map((r) => r.json().outcome),
      ["unknown_top_up", "unknown_top_up"],
    );
  });

  test("a wallet that never received money cannot withdraw (402), and its balance reads as zero", async () => {
    const u = await user();
    const res = await call(u, "POST", "/wallet/withdrawals", {
      amountMinor: 1,
      destination: { method: "alipay", account: "x@example.cn" },
    });
    assert.equal(res.statusCode, 402, res.body);
    assert.equal(res.json().error.code, "insufficient_funds");
    assert.deepEqual(await wallet(u), exactWallet({}));
  });

  test("20 concurrent ¥100 withdrawals against ¥1,050 → exactly 10 accepted, 10 × 402", async () => {
    const u = await user();
    await fund(u, 105_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          u,
          "POST",
          "/wallet/withdrawals",
          { amountMinor: 10_000, destination: { method: "bank", account: `6222-${i}` } },
          { "idempotency-key": `c-${u.user.id}-${i}` },
        ),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 10, statuses.join(","));
    assert.equal(statuses.filter((s) => s === 402).length, 10, statuses.join(","));
    for (const r of results.filter((x) => x.statusCode === 402))
      assert.equal(r.json().error.code, "insufficient_funds");
    const w = await wallet(u);
    assert.equal(w.availableMinor, 5_000);
    assert.equal(w.pendingWithdrawalMinor, 100_000);

    // Operators: reject one (money back at once), approve one (paid), approve one to a failing destination.
    const accepted = results.filter((r) => r.statusCode === 201).map((r) => r.json().withdrawal.id as string);
    const [rejectId, payId, failId] = accepted as [string, string, string];
    const list = await call(operator, "GET", "/admin/withdrawals?status=pending&limit=100");
    assert.ok(list.json().items.some((x: { id: string }) => x.id === rejectId));
    const rejected = await call(operator, "POST", `/admin/withdrawals/${rejectId}/reject`, { reason: "KYC" });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json().withdrawal.status, "rejected");
    assert.equal((await wallet(u)).availableMinor, 15_000);
    const rejectAgain = await call(operator, "POST", `/admin/withdrawals/${rejectId}/reject`, {});
    assert.equal(rejectAgain.statusCode, 409);

    const approved = await call(operator, "POST", `/admin/withdrawals/${payId}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().withdrawal.status, "approved");
    await waitFor(
      () => call(u, "GET", `/wallet/withdrawals/${payId}`).then((r) => r.json().withdrawal.status),
      (s) => s === "paid",
    );
    // Make one fail at the payout provider: only a destination containing "fail" fails.
    await sql`UPDATE withdrawals SET destination_account = 'will-fail' WHERE id = ${failId}`.execute(t.db);
    await call(operator, "POST", `/admin/withdrawals/${failId}/approve`);
    await waitFor(
      () => call(u, "GET", `/wallet/withdrawals/${failId}`).then((r) => r.json().withdrawal.status),
      (s) => s === "failed",
    );
    const after = await wallet(u);
    assert.equal(after.availableMinor, 25_000);
    assert.equal(after.pendingWithdrawalMinor, 70_000);
    assert.equal((await call(await user(), "GET", `/wallet/withdrawals/${payId}`)).statusCode, 404);

    // The statement adds up to the available balance.
    const entries = await call(u, "GET", "/wallet/entries?limit=100");
    const sum = entries.json().items.reduce((s: number, e: { amountMinor: number }) => s + e.amountMinor, 0);
    assert.equal(sum, 25_000);
    const page1 = await call(u, "GET", "/wallet/entries?limit=5");
    const page2 = await call(u, "GET", `/wallet/entries?limit=5&cursor=${page1.json().nextCursor}`);
    assert.equal(page2.json().items.length, 5);
    assert.notEqual(page2.json().items[0].id, page1.json().items[0].id);
    await assertAudit();
  });

  test("a withdrawal to a failing destination returns the money (auto-approved below the limit)", async () => {
    const auto = await startTestApp({ workers: true, env: { WITHDRAWAL_AUTO_APPROVE_MAX_MINOR: "5000" } });
    try {
      const u = await signUp(auto.app);
      const topUp = await call(
        u,
        "POST",
        "/wallet/top-ups",
        { amountMinor: 20_000, method: "wechat" },
        {},
        auto.app,
      );
      await recordSandboxCharge(auto.db, topUp.json().topUp.id, "succeeded");
      const hook = signedWebhook(
        topUp.json().topUp.id,
        20_000,
        "succeeded",
        new Date(),
        sandboxWebhookSecret(auto.config.dataDir),
      );
      const settled = await auto.app.inject({
        method: "POST",
        url: "/api/v1/payments/webhooks/sandbox",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: hook.signature },
        payload: hook.body,
      });
      assert.equal(settled.json().outcome, "settled_succeeded");
      const withdraw = (amountMinor: number, account: string) =>
        call(
          u,
          "POST",
          "/wallet/withdrawals",
          { amountMinor, destination: { method: "alipay", account } },
          {},
          auto.app,
        );
      const small = await withdraw(5_000, "fail@example.cn");
      assert.equal(small.statusCode, 201, small.body);
      assert.equal(small.json().withdrawal.status, "approved");
      const big = await withdraw(5_001, "ok@example.cn");
      assert.equal(big.json().withdrawal.status, "pending");
      await waitFor(
        () =>
          call(u, "GET", `/wallet/withdrawals/${small.json().withdrawal.id}`, undefined, {}, auto.app).then(
            (r) => r.json().withdrawal,
          ),
        (w) => w.status === "failed",
      );
      const w = (await call(u, "GET", "/wallet", undefined, {}, auto.app)).json();
      assert.equal(w.availableMinor, 20_000 - 5_001);
      assert.equal(w.pendingWithdrawalMinor, 5_001);
    } finally {
      await auto.close();
    }
    await assertAudit();
  });
});
