import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { z } from "zod";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { type JobDefinition, type Jobs, runnable, startJobs } from "./jobs.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let jobs: Jobs;
const seen: string[] = [];
const echo: JobDefinition<{ word: string }> = {
  name: "test-echo",
  schema: z.object({ word: z.string() }),
  handler: async ({ word }) => {
    seen.push(word);
  },
};

before(async () => {
  database = await createTestDatabase();
  jobs = await startJobs(database.url, () => {});
  await jobs.work([runnable(echo)]);
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
