// GET /api/v1/admin/jobs (operators only) and the job counters of GET /metrics.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { z } from "zod";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { type JobDefinition, runnable } from "../../jobs/jobs.ts";

let t: TestApp;
const broken: JobDefinition<{ n: number }> = {
  name: "test-always-fails",
  schema: z.object({ n: z.number() }),
  handler: async () => {
    throw new Error("the payout provider is down");
  },
};
const later: JobDefinition<{ n: number }> = {
  name: "test-later",
  schema: z.object({ n: z.number() }),
  handler: async () => {},
};

before(async () => {
  t = await startTestApp();
  await t.jobs.work([runnable(broken)]);
});
after(() => t.close());

const list = (headers: Record<string, string>, query = "") =>
  t.app.inject({ method: "GET", url: `/api/v1/admin/jobs${query}`, headers });

test("only operators see the job queue", async () => {
  assert.equal((await list({})).statusCode, 401);
  const someone = await signUp(t.app);
  const res = await list(someone.headers);
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, "forbidden");
});

test("a failing job is listed as waiting for its next attempt, with its attempts and last error, and counted in /metrics", async () => {
  const operator = await signUpOperator(t.app, t);
  await t.db.transaction().execute((tx) => t.jobs.enqueue(tx, broken, { n: 1 }));
  type Item = { name: string; state: string; attempts: number; lastError: string | null; runAt: string };
  const item = (await waitFor(
    async () =>
      ((await list(operator.headers, "?state=waiting&limit=100")).json().items as Item[]).find(
        (i) => i.name === broken.name && i.attempts >= 1,
      ),
    Boolean,
  )) as Item;
  assert.equal(item.state, "waiting");
  assert.equal(item.lastError, "the payout provider is down");
  assert.ok(Date.parse(item.runAt) > 0);
  const metrics = await waitFor(
    async () => (await t.app.inject("/metrics")).body,
    (body) => /liangjiang_jobs_failed_total\{name="test-always-fails"\} [1-9]/.test(body),
  );
  assert.match(metrics, /# TYPE liangjiang_jobs_completed_total counter/);
  assert.match(metrics, /liangjiang_jobs_queued\{name="test-always-fails",state="waiting"\} \d+/);
});

test("the list pages soonest first with ?limit and ?cursor, filters by ?state, and counts every state", async () => {
  const operator = await signUpOperator(t.app, t);
  const base = Date.now() + 3_600_000;
  await t.db.transaction().execute(async (tx) => {
    for (let n = 0; n < 5; n++) {
      await t.jobs.enqueue(tx, later, { n }, { startAfter: new Date(base + n * 60_000) });
    }
  });
  const seen: string[] = [];
  let cursor: string | null = null;
  let counts: { waiting: number; running: number; failed: number } | undefined;
  do {
    const res = await list(operator.headers, `?state=waiting&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    counts = body.counts;
    for (const i of body.items) if (i.name === later.name) seen.push(i.runAt);
    cursor = body.nextCursor;
  } while (cursor);
  assert.deepEqual(
    seen,
    Array.from({ length: 5 }, (_, n) => new Date(base + n * 60_000).toISOString()),
  );
  assert.ok((counts?.waiting ?? 0) >= 5);
  const failed = (await list(operator.headers, "?state=failed")).json();
  assert.deepEqual(failed.items, [], "nothing has failed for good: failures are retried");
  assert.equal(failed.counts.failed, 0);
  assert.equal((await list(operator.headers, "?state=done")).statusCode, 400);
  const forged = Buffer.from("99999-01-01T00:00:00Z|x").toString("base64url");
  assert.equal((await list(operator.headers, `?cursor=${forged}`)).statusCode, 400);
});
