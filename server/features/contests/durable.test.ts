// The contest timers are durable jobs: enqueued with the contest, they survive the process that
// enqueued them (it stops before the deadline), and when two new processes' workers start on the
// same database, each timer runs once — one refund, one transition, one follow-up timer.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import type { TestApp } from "../../../test/helpers/app.ts";
import { createTestDatabase } from "../../../test/helpers/db.ts";
import { buildApp, jobDefinitions } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { systemClock } from "../../core/clock.ts";
import { type Jobs, startJobs } from "../../jobs/jobs.ts";
import { buildPorts } from "../../ports.ts";
import {
  call,
  enterText,
  fund,
  inFuture,
  postContest,
  signUp,
  waitFor,
  wallet,
} from "./contests.fixtures.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestApp;
const workers: Jobs[] = [];

before(async () => {
  database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), "lj-durable-")),
    SEED_DEMO: "false",
    CONTEST_MIN_SUBMISSION_PERIOD: "PT1S",
    TIMER_CONTEST_SELECTION: "P7D",
  });
  // The first "process": it enqueues, but its workers never run.
  const jobs = await startJobs(database.url, () => {});
  const ports = buildPorts(config);
  const app = await buildApp({ config, db: database.db, jobs, clock: systemClock, ...ports });
  await app.ready();
  t = {
    config,
    db: database.db,
    jobs,
    clock: systemClock,
    ...ports,
    app,
    url: "",
    async close() {
      await app.close();
    },
  };
});
after(async () => {
  await t.close();
  for (const w of workers) await w.stop();
  await database.drop();
  await fs.rm(t.config.dataDir, { recursive: true, force: true });
});

test("deadline timers survive their process and run once across two new processes", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 500_000);
  const empty = await postContest(t, buyer, { submissionDeadline: inFuture(2_000) });
  const entered = await postContest(t, buyer, { submissionDeadline: inFuture(2_000) });
  await enterText(t, provider, entered.id, "before the deadline");
  await new Promise((r) => setTimeout(r, 3_000));
  const status = async (id: string) => (await call(t, undefined, "GET", `/tasks/${id}`)).json().task.status;
  assert.equal(await status(empty.id), "open", "nobody has run the timer yet");
  await t.jobs.stop();

  // Two new processes start their workers on the same database.
  for (let i = 0; i < 2; i++) {
    const jobs = await startJobs(database.url, () => {});
    workers.push(jobs);
    await jobs.work(
      jobDefinitions({
        config: t.config,
        db: database.db,
        jobs,
        clock: systemClock,
        ...buildPorts(t.config),
      }),
    );
  }
  await waitFor(
    () => status(empty.id),
    (s) => s === "refunded",
    20_000,
  );
  await waitFor(
    () => status(entered.id),
    (s) => s === "selecting",
    20_000,
  );
  const refunds = await t.db
    .selectFrom("ledger_transfers")
    .select("id")
    .where("ref_id", "=", empty.id)
    .where("code", "=", 23)
    .execute();
  assert.equal(refunds.length, 1);
  assert.equal((await wallet(t, buyer)).availableMinor, 250_000);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pgboss.job
    WHERE name = 'contest-selection-end' AND data->>'taskId' = ${entered.id}`.execute(t.db);
  assert.equal(rows[0]?.n, 1, "one selection-end timer");
});
