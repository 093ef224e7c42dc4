import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PgBoss } from "pg-boss";
import { z } from "zod";
import { createTestDatabase } from "../../test/helpers/db.ts";
import {
  HEARTBEAT_S,
  type JobDefinition,
  type Jobs,
  RETRY_DELAY_MAX_S,
  RETRY_FOREVER,
  runnable,
  startJobs,
} from "./jobs.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let jobs: Jobs;
const seen: string[] = [];
const logged: { message: string; detail: unknown }[] = [];
const echo: JobDefinition<{ word: string }> = {
  name: "test-echo",
  schema: z.object({ word: z.string() }),
  handler: async ({ word }) => {
    seen.push(word);
  },
};
/** Throws on its first `failures` runs of a word, then succeeds. */
const attemptsOf = new Map<string, number>();
const flaky: JobDefinition<{ word: string; failures: number }> = {
  name: "test-flaky",
  schema: z.object({ word: z.string(), failures: z.number().int() }),
  handler: async ({ word, failures }) => {
    const n = (attemptsOf.get(word) ?? 0) + 1;
    attemptsOf.set(word, n);
    if (n <= failures) throw new Error(`database trouble #${n}`);
    seen.push(word);
  },
};

before(async () => {
  database = await createTestDatabase();
  jobs = await startJobs(database.url, (message, detail) => logged.push({ message, detail }));
  await jobs.work([runnable(echo), runnable(flaky)]);
});
after(async () => {
  await jobs.stop();
  await database.drop();
});

async function waitFor(predicate: () => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a job enqueued in a committed transaction runs once", async () => {
  await database.db.transaction().execute(async (tx) => {
    await jobs.enqueue(tx, echo, { word: "committed" });
  });
  await waitFor(() => seen.includes("committed"));
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(seen.filter((w) => w === "committed").length, 1);
});

test("a job enqueued in a transaction that rolls back never exists", async () => {
  await assert.rejects(
    database.db.transaction().execute(async (tx) => {
      await jobs.enqueue(tx, echo, { word: "rolled-back" });
      throw new Error("business rule failed");
    }),
    /business rule failed/,
  );
  // Prove the worker is alive by running a later job, then check the rolled-back one never ran.
  await database.db.transaction().execute((tx) => jobs.enqueue(tx, echo, { word: "after" }));
  await waitFor(() => seen.includes("after"));
  assert.equal(seen.includes("rolled-back"), false);
  const { rows } = await database.pool.query(
    "SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'word' = 'rolled-back'",
  );
  assert.equal(rows[0].n, 0);
});

test("a job's payload is validated when enqueued", async () => {
  await assert.rejects(
    database.db
      .transaction()
      .execute((tx) => jobs.enqueue(tx, echo, { word: 42 } as unknown as { word: string })),
  );
});

test("a job is stored to be retried forever with capped backoff, never deleted unrun, and taken back when its worker vanishes", async () => {
  // Was: five retries with uncapped backoff (failed for good after ~62 s of trouble), deleted 14
  // days after its start time, and a job whose worker died stayed 'active' for 15 minutes.
  const timerDue = new Date(Date.now() + 30 * 24 * 3600_000);
  await database.db
    .transaction()
    .execute((tx) => jobs.enqueue(tx, echo, { word: "a timer" }, { startAfter: timerDue }));
  const { rows } = await database.pool.query(
    `SELECT retry_limit, retry_backoff, retry_delay_max, heartbeat_seconds, keep_until, start_after
       FROM pgboss.job WHERE data->>'word' = 'a timer'`,
  );
  const job = rows[0];
  assert.equal(job.retry_limit, RETRY_FOREVER);
  assert.equal(job.retry_backoff, true);
  assert.equal(job.retry_delay_max, RETRY_DELAY_MAX_S);
  assert.ok(RETRY_DELAY_MAX_S <= 30, "a job runs within seconds after an outage ends");
  assert.equal(job.heartbeat_seconds, HEARTBEAT_S);
  const keptYears = (job.keep_until.getTime() - job.start_after.getTime()) / (365 * 24 * 3600_000);
  assert.ok(keptYears >= 5, `kept ${keptYears} years after it is due`);
});

test("a job that throws is retried until it succeeds; each failure is logged and counted, and one failure does not fail its batch", async () => {
  const before = { failed: jobs.stats().failed.get(flaky.name) ?? 0 };
  await database.db.transaction().execute(async (tx) => {
    await jobs.enqueue(tx, flaky, { word: "stubborn", failures: 3 });
    for (let i = 0; i < 5; i++) await jobs.enqueue(tx, flaky, { word: `fine-${i}`, failures: 0 });
  });
  for (let i = 0; i < 5; i++) await waitFor(() => seen.includes(`fine-${i}`));
  for (let i = 0; i < 5; i++) assert.equal(attemptsOf.get(`fine-${i}`), 1, "ran once, beside a failing job");
  await waitFor(() => seen.includes("stubborn"), 30_000);
  assert.equal(attemptsOf.get("stubborn"), 4);
  assert.equal((jobs.stats().failed.get(flaky.name) ?? 0) - before.failed, 3);
  assert.ok((jobs.stats().completed.get(flaky.name) ?? 0) >= 6);
  const failures = logged.filter((l) => /test-flaky/.test(l.message));
  assert.deepEqual(
    failures.map((l) => (l.detail as { attempt: number }).attempt),
    [1, 2, 3],
  );
  const first = failures[0]?.detail as { name: string; id: string; error: Error };
  assert.equal(first.name, "test-flaky");
  assert.match(first.id, /^[0-9a-f-]{36}$/);
  assert.match(first.error.message, /database trouble #1/);
});

test("jobs that failed for good under the old policy are put back in line when the workers start", async () => {
  // An older version's queue and job: five retries, then 'failed' — the escrow it should have
  // released stayed put through restarts.
  const old = new PgBoss({ connectionString: database.url, schema: "pgboss", supervise: false });
  await old.start();
  await old.createQueue("test-legacy", { retryLimit: 5, retryBackoff: true, retryDelay: 2 });
  const id = await old.send("test-legacy", { word: "legacy" });
  await database.pool.query(
    "UPDATE pgboss.job SET state = 'failed', retry_count = 5, completed_on = now() WHERE id = $1",
    [id],
  );
  await old.stop({ graceful: false });
  const legacy: JobDefinition<{ word: string }> = { ...echo, name: "test-legacy" };
  const restarted = await startJobs(database.url, () => {});
  try {
    await restarted.work([runnable(legacy)]);
    await waitFor(() => seen.includes("legacy"), 20_000);
    const { rows } = await database.pool.query("SELECT retry_limit FROM pgboss.job WHERE id = $1", [id]);
    assert.equal(rows[0].retry_limit, RETRY_FOREVER);
  } finally {
    await restarted.stop();
  }
});
