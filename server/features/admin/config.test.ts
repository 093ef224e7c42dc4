// GET/PATCH /admin/config (API.md "Operators"): fee rules by category and way of buying, operators
// only, every change in the audit log, applying to tasks posted afterwards.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, expectError } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { contestBody } from "../contests/contests.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

test("an operator sets a category's fee: new contests in it pay that fee, one posted before keeps its own; audited; removable", async () => {
  const operator = await signUpOperator(t.app, t);
  const buyer = await signUp(t.app);
  await fund(t, buyer, 1_000_000);
  const defaultBps = t.config.platformFeeBps;

  const initial = await call(t, operator, "GET", "/admin/config");
  assert.equal(initial.statusCode, 200, initial.body);
  assert.deepEqual(initial.json(), { fees: { defaultBps, rules: [] } });

  const earlier = await call(t, buyer, "POST", "/tasks", contestBody({ categoryId: "poster" }));
  assert.equal(earlier.json().task.feeBps, defaultBps);

  const set = await call(t, operator, "PATCH", "/admin/config", {
    fees: { rules: [{ categoryId: "poster", mode: "contest", feeBps: 800 }] },
  });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json().fees.rules, [{ categoryId: "poster", mode: "contest", feeBps: 800 }]);

  const later = await call(t, buyer, "POST", "/tasks", contestBody({ categoryId: "poster" }));
  assert.equal(later.json().task.feeBps, 800);
  const reread = await call(t, undefined, "GET", `/tasks/${earlier.json().task.id}`);
  assert.equal(reread.json().task.feeBps, defaultBps, "the earlier contest keeps its snapshot");

  const removed = await call(t, operator, "PATCH", "/admin/config", {
    fees: { rules: [{ categoryId: "poster", mode: "contest", feeBps: null }] },
  });
  assert.deepEqual(removed.json().fees.rules, []);

  const events = await t.db
    .selectFrom("audit_events")
    .select(["action", "actor_account_id", "details"])
    .where("action", "=", "config.fee_rule_changed")
    .orderBy("id")
    .execute();
  assert.deepEqual(
    events.map((e) => [e.actor_account_id, e.details]),
    [
      [operator.user.id, { categoryId: "poster", mode: "contest", fromBps: null, toBps: 800 }],
      [operator.user.id, { categoryId: "poster", mode: "contest", fromBps: 800, toBps: null }],
    ],
  );
});

test("only operators: anonymous 401, a member 403; bad rules are 400 and change nothing", async () => {
  const member = await signUp(t.app);
  const operator = await signUpOperator(t.app, t);
  expectError(await call(t, undefined, "GET", "/admin/config"), 401, "unauthenticated");
  expectError(await call(t, member, "GET", "/admin/config"), 403, "forbidden");
  const body = { fees: { rules: [{ categoryId: null, mode: null, feeBps: 100 }] } };
  expectError(await call(t, member, "PATCH", "/admin/config", body), 403, "forbidden");
  const bad = [
    { fees: { rules: [{ categoryId: "no-such-category", mode: null, feeBps: 100 }] } },
    { fees: { rules: [{ categoryId: null, mode: null, feeBps: 10_001 }] } },
    { fees: { rules: [{ categoryId: null, mode: "auction", feeBps: 100 }] } },
    { fees: { rules: [] } },
  ];
  for (const b of bad)
    expectError(await call(t, operator, "PATCH", "/admin/config", b), 400, "invalid_input");
  // A valid rule before a bad one in the same request: all or nothing.
  expectError(
    await call(t, operator, "PATCH", "/admin/config", {
      fees: {
        rules: [
          { categoryId: null, mode: null, feeBps: 100 },
          { categoryId: "no-such-category", mode: null, feeBps: 100 },
        ],
      },
    }),
    400,
    "invalid_input",
  );
  assert.deepEqual((await call(t, operator, "GET", "/admin/config")).json().fees.rules, []);
});
