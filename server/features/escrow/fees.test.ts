// Fees by category and way of buying (issue 13 "Escrow"): the most specific rule wins, PLATFORM_FEE_BPS
// otherwise, and the fee in force when a task is posted stays with it (tasks.fee_bps, used at release).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { sql } from "kysely";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, fund, postContest } from "../contests/contests.fixtures.ts";
import { feeBpsFor } from "./fees.ts";

const t = await startTestApp();
after(() => t.close());

const rule = (categoryId: string | null, mode: string | null, feeBps: number) =>
  sql`INSERT INTO fee_rules (category_id, mode, fee_bps) VALUES (${categoryId}, ${mode}, ${feeBps})`.execute(
    t.db,
  );

test("a category's fee rule applies to tasks posted after it; a task posted before keeps its snapshot", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 1_000_000);
  const before = await postContest(t, buyer, { categoryId: "packaging", prizesMinor: [100_000] });
  const defaultBps = t.config.platformFeeBps;
  assert.equal((before as unknown as { feeBps: number }).feeBps, defaultBps);

  await rule("packaging", null, 550);
  const afterRule = await postContest(t, buyer, { categoryId: "packaging", prizesMinor: [100_000] });
  assert.equal((afterRule as unknown as { feeBps: number }).feeBps, 550);
  // Another category is not touched by the rule.
  const other = await postContest(t, buyer, { categoryId: "slogan", prizesMinor: [100_000] });
  assert.equal((other as unknown as { feeBps: number }).feeBps, defaultBps);

  // The task posted before the rule still says (and will be released at) the default.
  const read = await call(t, undefined, "GET", `/tasks/${before.id}`);
  assert.equal(read.json().task.feeBps, defaultBps);
  const row = await t.db
    .selectFrom("tasks")
    .select("fee_bps")
    .where("id", "=", before.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.fee_bps, defaultBps);
});

test("the most specific rule wins: category + mode, the category, its root category, the mode, the default", async () => {
  await rule("it", null, 300);
  await rule(null, "contest", 700);
  const of = (categoryId: string | null, mode = "contest") => feeBpsFor(t.db, { categoryId, mode }, 1000);
  assert.equal(await of("website"), 300, "a root category's rule covers its children");
  assert.equal(await of("vi"), 700, "no category rule: the mode's");
  assert.equal(await of(null), 700);
  assert.equal(await of(null, "tender"), 1000, "no rule at all: the default");
  await rule("website", null, 200);
  assert.equal(await of("website"), 200, "the exact category beats its root");
  await rule("website", "contest", 100);
  assert.equal(await of("website"), 100, "category + mode beats the category alone");
  assert.equal(await of("website", "tender"), 200);
});
