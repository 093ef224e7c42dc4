// The statement says what a line is about: a prize paid out shows gross − fee = net and names the
// contest; a withdrawal's payment (which moves nothing: the hold already took the money) is no
// "¥0.00 withdrawal" row.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { makeOperator, signUp } from "../../../test/helpers/factories.ts";
import { call, key } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";

const t = await startTestApp({ workers: true, env: { PLATFORM_FEE_BPS: "1000", LOG_LEVEL: "error" } });
after(() => t.close());

type Entry = {
  kind: string;
  amountMinor: number;
  grossMinor?: number;
  feeMinor?: number;
  ref: { type: string; id: string; title?: string; taskId?: string } | null;
};

test("a prize paid out: gross ¥1,500 − fee ¥150 = ¥1,350, with the contest's title and id; the buyer's funding line names it too", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 150_000);
  const posted = await call(t, buyer, "POST", "/tasks", {
    mode: "contest",
    title: "茶馆标志设计 Tea house logo",
    brief: "A logo for a Chongqing tea house: warm, simple, works in one colour.",
    categoryId: "logo",
    prizesMinor: [150_000],
    submissionDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  assert.equal(posted.statusCode, 201, posted.body);
  const taskId = posted.json().task.id as string;
  const entry = await call(t, provider, "POST", `/tasks/${taskId}/entries`, { text: "两江茶事" });
  const entryId = entry.json().entry.id as string;
  const awards = { awards: [{ entryId, prizeIndex: 0 }] };
  const awarded = await call(t, buyer, "POST", `/tasks/${taskId}/awards`, awards, {
    "idempotency-key": key(),
  });
  assert.equal(awarded.statusCode, 200, awarded.body);
  assert.equal(
    (await call(t, provider, "POST", `/entries/${entryId}/handover`, { text: "files" })).statusCode,
    200,
  );
  const accepted = await call(t, buyer, "POST", `/entries/${entryId}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(accepted.statusCode, 200, accepted.body);

  const res = await call(t, provider, "GET", "/wallet/entries");
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as Entry[];
  const prize = items.find((e) => e.kind === "escrow_release");
  assert.ok(prize, JSON.stringify(items));
  assert.equal(prize.amountMinor, 135_000);
  assert.equal(prize.grossMinor, 150_000);
  assert.equal(prize.feeMinor, 15_000);
  assert.equal(prize.ref?.title, "茶馆标志设计 Tea house logo");
  assert.equal(prize.ref?.taskId, taskId);

  const buyers = (await call(t, buyer, "GET", "/wallet/entries")).json().items as Entry[];
  const funding = buyers.find((e) => e.kind === "escrow_fund");
  assert.equal(funding?.ref?.title, "茶馆标志设计 Tea house logo");
  assert.equal(funding?.grossMinor, undefined);
});

test("a paid withdrawal leaves its hold line (−¥100) and no ¥0.00 line; the lines still add up to the balance", async () => {
  const u = await signUp(t.app);
  const operator = await signUp(t.app);
  await makeOperator(t, operator.user.id);
  await fund(t, u, 30_000);
  const requested = await call(
    t,
    u,
    "POST",
    "/wallet/withdrawals",
    { amountMinor: 10_000, destination: { method: "bank", account: "6222-1" } },
    { "idempotency-key": key() },
  );
  assert.equal(requested.statusCode, 201, requested.body);
  const id = requested.json().withdrawal.id as string;
  await call(t, operator, "POST", `/admin/withdrawals/${id}/approve`, undefined, {
    "idempotency-key": key(),
  });
  await waitFor(
    () => call(t, u, "GET", `/wallet/withdrawals/${id}`).then((r) => r.json().withdrawal.status),
    (s) => s === "paid",
  );
  const items = (await call(t, u, "GET", "/wallet/entries")).json().items as Entry[];
  assert.deepEqual(
    items.map((e) => [e.kind, e.amountMinor]),
    [
      ["withdrawal_hold", -10_000],
      ["top_up", 30_000],
    ],
  );
  assert.ok(items.every((e) => e.amountMinor !== 0));
});
