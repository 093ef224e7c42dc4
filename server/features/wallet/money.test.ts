// Money at the edges of the API: the 402's details under concurrency, a wallet read as one snapshot,
// and `…Minor` amounts that must be written as plain integers.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { inTransaction } from "../../core/transaction.ts";
import { accounts, TransferCodes } from "../../ledger/chart.ts";
import { ensureAccounts, postTransfers } from "../../ledger/ledger.ts";
import { call, contestBody, fund, wallet } from "../contests/contests.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

const withdraw = (who: Awaited<ReturnType<typeof signUp>>, amountMinor: number) =>
  call(t, who, "POST", "/wallet/withdrawals", {
    amountMinor,
    destination: { method: "alipay", account: "payee@example.cn" },
  });

describe("402 insufficient_funds", () => {
  test("20 concurrent ¥100 withdrawals against ¥1,050: every 402 says available 5,000, required 10,000, short 5,000", async () => {
    const u = await signUp(t.app);
    await fund(t, u, 105_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => withdraw(u, 10_000)));
    const refused = results.filter((r) => r.statusCode === 402);
    assert.equal(results.filter((r) => r.statusCode === 201).length, 10);
    assert.equal(refused.length, 10);
    for (const r of refused) {
      // A refusal happens only once ten have been held: the wallet really had ¥50.
      assert.deepEqual(r.json().error.details, {
        availableMinor: 5_000,
        requiredMinor: 10_000,
        shortMinor: 5_000,
      });
    }
  });

  test("a wallet that never received money: available 0, required = short = the amount", async () => {
    const u = await signUp(t.app);
    const r = await withdraw(u, 2_500);
    assert.equal(r.statusCode, 402, r.body);
    assert.deepEqual(r.json().error.details, { availableMinor: 0, requiredMinor: 2_500, shortMinor: 2_500 });
  });

  test("concurrent contest posts that overdraw: every 402 has all three details, from the ledger", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 300_000);
    // Five contests of ¥2,500 each against ¥3,000: one is funded, four are refused — some of them
    // after reading the wallet before the first one committed.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(t, buyer, "POST", "/tasks", contestBody({ prizesMinor: [200_000, 50_000] })),
      ),
    );
    assert.equal(
      results.filter((r) => r.statusCode === 201).length,
      1,
      results.map((r) => r.body).join("\n"),
    );
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      assert.equal(r.statusCode, 402, r.body);
      assert.deepEqual(r.json().error.details, {
        availableMinor: 50_000,
        requiredMinor: 250_000,
        shortMinor: 200_000,
      });
    }
  });
});

test("GET /wallet is one snapshot: available + escrow + pending stays constant while money moves between them", async () => {
  const u = await signUp(t.app);
  await fund(t, u, 100_000);
  const wallet_ = accounts.wallet(u.user.id);
  const escrow = accounts.escrowTask(`snapshot-${u.user.id}`, u.user.id);
  await inTransaction(t.db, (tx) => ensureAccounts(tx, [wallet_, escrow]));
  let moving = true;
  const mover = (async () => {
    for (let i = 0; moving && i < 2_000; i++) {
      const [from, to] = i % 2 === 0 ? [wallet_, escrow] : [escrow, wallet_];
      await inTransaction(t.db, (tx) =>
        postTransfers(tx, [
          {
            id: `snap:${u.user.id}:${i}`,
            debitAccountId: from.id,
            creditAccountId: to.id,
            amount: 60_000,
            code: TransferCodes.escrowFund,
          },
        ]),
      );
    }
  })();
  const totals = new Set<number>();
  const sawEscrow = new Set<number>();
  for (let round = 0; round < 60; round++) {
    const reads = await Promise.all(Array.from({ length: 8 }, () => wallet(t, u)));
    for (const w of reads) {
      totals.add(w.availableMinor + w.inEscrowMinor + w.pendingWithdrawalMinor);
      sawEscrow.add(w.inEscrowMinor);
    }
  }
  moving = false;
  await mover;
  assert.deepEqual([...totals], [100_000]);
  assert.ok(sawEscrow.size === 2, "the reads saw the money on both sides");
});

describe("…Minor amounts written as 1.0 or 1E3", () => {
  const raw = (who: Awaited<ReturnType<typeof signUp>>, url: string, body: string) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers: { ...who.headers, "content-type": "application/json" },
      payload: body,
    });

  test("are invalid_input on every route, including inside arrays; plain integers and other numbers still work", async () => {
    const u = await signUp(t.app);
    await fund(t, u, 500_000);
    const deadline = JSON.stringify(contestBody().submissionDeadline);
    const cases: [string, string][] = [
      ["/wallet/top-ups", `{"amountMinor": 1.0, "method": "alipay"}`],
      ["/wallet/top-ups", `{"amountMinor": 1E3, "method": "alipay"}`],
      ["/wallet/top-ups", `{"method": "alipay", "amountMinor":1e0}`],
      ["/wallet/top-ups", `{"amount\\u004dinor": 100.00, "method": "alipay"}`],
      [
        "/wallet/withdrawals",
        `{"amountMinor": 100.0, "destination": {"method": "alipay", "account": "a@b.cn"}}`,
      ],
      [
        "/tasks",
        `{"mode":"contest","title":"T","brief":"B","prizesMinor":[200000, 5E4],"submissionDeadline":${deadline}}`,
      ],
    ];
    for (const [url, body] of cases) {
      const r = await raw(u, url, body);
      assert.equal(r.statusCode, 400, `${url} ${body}: ${r.body}`);
      assert.equal(r.json().error.code, "invalid_input");
    }
    const before = await wallet(t, u);
    assert.equal(before.availableMinor, 500_000);
    assert.equal(before.inEscrowMinor, 0);
    // Plain integers pass; so does a fraction in a field that is not money.
    assert.equal(
      (await raw(u, "/wallet/top-ups", `{"amountMinor": 100, "method": "alipay"}`)).statusCode,
      201,
    );
    const contest = await raw(
      u,
      "/tasks",
      `{"mode":"contest","title":"T","brief":"B","prizesMinor":[200000, 50000],"submissionDeadline":${deadline}}`,
    );
    assert.equal(contest.statusCode, 201, contest.body);
    // The same for a `…Minor` query parameter (digits only), and the OpenAPI document still builds.
    for (const v of ["1.0", "1e3", "0x10", "+5", "%205", "1000000000001"]) {
      const r = await call(t, undefined, "GET", `/tasks?minPrizeMinor=${v}`);
      assert.equal(r.statusCode, 400, `${v}: ${r.body}`);
      assert.equal(r.json().error.code, "invalid_input");
    }
    const filtered = await call(t, undefined, "GET", "/tasks?minPrizeMinor=200000");
    assert.equal(filtered.statusCode, 200, filtered.body);
    assert.ok(filtered.json().items.some((x: { id: string }) => x.id === contest.json().task.id));
    assert.equal((await t.app.inject("/openapi.json")).statusCode, 200);
    // `stars: 4.0` is not money: it parses and validates, and the (missing) entry is what is refused.
    const stars = await raw(u, "/entries/en_missing/rating", `{"stars": 4.0}`);
    assert.equal(stars.statusCode, 404, stars.body);
  });
});
