// Every cursor a list gives out is accepted by that list's own query schema, and a cursor that no
// server gave out is a 400, never a 500 (issue 8: the withdrawals cursor was longer than the
// query allowed, and an instant before 4713 BC reached PostgreSQL).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { fund } from "../../../test/helpers/money.ts";

const t = await startTestApp();
after(() => t.close());

const WITHDRAWALS = 105;

test("an operator pages through more than 100 withdrawals, 40 at a time, and sees each exactly once", async () => {
  const user = await signUp(t.app);
  const operator = await signUpOperator(t.app, t);
  await fund(t, user, 100_000);
  const created = new Set<string>();
  for (let i = 0; i < WITHDRAWALS; i++) {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/wallet/withdrawals",
      headers: user.headers,
      payload: { amountMinor: 100, destination: { method: "alipay", account: "payee@example.com" } },
    });
    assert.equal(res.statusCode, 201, res.body);
    created.add(res.json().withdrawal.id);
  }

  for (const [url, who] of [
    ["/api/v1/admin/withdrawals", operator],
    ["/api/v1/wallet/withdrawals", user],
  ] as const) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const pageUrl: string = `${url}?limit=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await t.app.inject({ url: pageUrl, headers: who.headers });
      assert.equal(res.statusCode, 200, `${url} page ${pages + 1}: ${res.body}`);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((w) => w.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 3, url);
    assert.equal(seen.length, WITHDRAWALS, url);
    assert.deepEqual(new Set(seen), created, url);
  }
});

test("a withdrawals cursor no server gave out → 400 invalid_input (an instant before 4713 BC is not a 500)", async () => {
  const operator = await signUpOperator(t.app, t);
  const forged = (text: string) => Buffer.from(text).toString("base64url");
  for (const cursor of [
    forged("-005000-01-01T00:00:00.000Z|wd_00000000-0000-4000-8000-000000000000"),
    forged("+275000-01-01T00:00:00.000Z|wd_00000000-0000-4000-8000-000000000000"),
    forged("2026-01-01T00:00:00.000Z|'; DROP TABLE withdrawals; --"),
    forged("2026-01-01T00:00:00.000Z"),
    forged("not a date|wd_x"),
    "%%%",
  ]) {
    const res = await t.app.inject({
      url: `/api/v1/admin/withdrawals?cursor=${encodeURIComponent(cursor)}`,
      headers: operator.headers,
    });
    assert.equal(res.statusCode, 400, `${cursor}: ${res.body}`);
    assert.equal(res.json().error.code, "invalid_input");
  }
});

test("a wallet entries cursor no server gave out → 400 (it used to be ignored: the first page again)", async () => {
  const user = await signUp(t.app);
  const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  for (const cursor of ["12", "abc", forged(["wallet-entries", -1]), forged(["withdrawals", 5])]) {
    const res = await t.app.inject({
      url: `/api/v1/wallet/entries?cursor=${encodeURIComponent(cursor)}`,
      headers: user.headers,
    });
    assert.equal(res.statusCode, 400, `${cursor}: ${res.body}`);
    assert.equal(res.json().error.code, "invalid_input");
  }
});
