// npm run bench -- jobs [--rounds=5] [--concurrent=50] [--topups=16,60]
// How fast the durable job queue (server/jobs/jobs.ts) starts work, on one PostgreSQL
// (DATABASE_URL, or a fresh embedded server), with the workers in this process:
//   1. commit → handler start: `concurrent` transactions each enqueue one job at once; the latency
//      of a job is the handler's start minus the moment its transaction's COMMIT returned;
//   2. due time → handler start: the same with jobs due 1 s after their commit (timers);
//   3. sandbox top-ups through the app (app.inject, the real routes and workers): N users each
//      POST /wallet/top-ups, pay through the sandbox route at once, then GET /wallet/top-ups/:id
//      until succeeded. Wall time from the first POST to the last settled top-up. The sandbox
//      delays its webhook by a random 0–1.5 s (server/features/wallet/sandbox-pay.ts), as a real
//      provider would; that delay is part of the figure.
// Results: docs/PERFORMANCE.md ("Jobs").
import path from "node:path";
import { z } from "zod";
import { buildApp, jobDefinitions } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { systemClock } from "../server/core/clock.ts";
import { connect } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { type JobDefinition, runnable, startJobs } from "../server/jobs/jobs.ts";
import { buildPorts } from "../server/ports.ts";
import { signUp } from "../test/helpers/factories.ts";
import { arg, benchPostgres } from "./lib/postgres.ts";

const ROUNDS = Number(arg("rounds", "5"));
const CONCURRENT = Number(arg("concurrent", "50"));
const TOPUPS = arg("topups", "16,60").split(",").map(Number);

const bench = await benchPostgres("jobs");
await bench.printHeader();
const { url } = await bench.createDatabase("lj_bench_jobs");
await migrate(url);
const database = connect(url, { max: 20 });
const jobs = await startJobs(url, () => {});

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `n=${s.length} p50=${pct(s, 50).toFixed(0)} ms p95=${pct(s, 95).toFixed(0)} ms max=${(s[s.length - 1] ?? 0).toFixed(0)} ms`;
};

try {
  // 1 + 2: commit (or due time) → handler start.
  const committedAt = new Map<string, number>();
  const startedAt = new Map<string, number>();
  const probe: JobDefinition<{ key: string; dueAt: number }> = {
    name: "bench-latency",
    schema: z.object({ key: z.string(), dueAt: z.number() }),
    handler: async ({ key }) => {
      startedAt.set(key, Date.now());
    },
  };
  await jobs.work([runnable(probe)]);
  const wave = async (round: number, delayMs: number) => {
    const keys = Array.from({ length: CONCURRENT }, (_, i) => `${delayMs}-${round}-${i}`);
    await Promise.all(
      keys.map(async (key) => {
        const dueAt = Date.now() + delayMs;
        await database.db.transaction().execute(async (tx) => {
          await jobs.enqueue(
            tx,
            probe,
            { key, dueAt },
            delayMs ? { startAfter: new Date(dueAt) } : undefined,
          );
        });
        committedAt.set(key, delayMs ? Math.max(dueAt, Date.now()) : Date.now());
      }),
    );
    const deadline = Date.now() + 120_000;
    while (keys.some((k) => !startedAt.has(k)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    return keys.map((k) => (startedAt.get(k) ?? Number.NaN) - (committedAt.get(k) ?? 0));
  };
  // A warm-up wave: the queue is created and the connections are open before measuring.
  await wave(-1, 0);
  for (const [label, delayMs] of [
    ["commit → handler start", 0],
    ["due time (commit + 1 s) → handler start", 1_000],
  ] as const) {
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      all.push(...(await wave(round, delayMs)));
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log(`${label}, ${CONCURRENT} concurrent enqueues × ${ROUNDS} rounds: ${summary(all)}`);
  }

  // 3. Sandbox top-ups through the app, workers in this process.
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: path.join(bench.dir, "data"),
    SEED_DEMO: "false",
  });
  const deps = { config, db: database.db, jobs, clock: systemClock, ...buildPorts(config) };
  const app = await buildApp(deps);
  await jobs.work(jobDefinitions(deps));
  await app.ready();
  for (const count of TOPUPS) {
    const users = await Promise.all(Array.from({ length: Math.min(count, 16) }, () => signUp(app)));
    const started = Date.now();
    const settleMs = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const who = users[i % users.length] as (typeof users)[number];
        const created = await app.inject({
          method: "POST",
          url: "/api/v1/wallet/top-ups",
          headers: who.headers,
          payload: { amountMinor: 10_000, method: "alipay" },
        });
        if (created.statusCode !== 201) throw new Error(`top-up: ${created.statusCode} ${created.body}`);
        const id = created.json().topUp.id as string;
        const paid = await app.inject({
          method: "POST",
          url: `/api/v1/payments/sandbox/top-ups/${id}/pay`,
          // Only the top-up's owner (or its pay URL's token) may pay it.
          headers: who.headers,
          payload: { outcome: "succeeded" },
        });
        if (paid.statusCode !== 202) throw new Error(`pay: ${paid.statusCode} ${paid.body}`);
        const paidAt = Date.now();
        for (;;) {
          const res = await app.inject({
            method: "GET",
            url: `/api/v1/wallet/top-ups/${id}`,
            headers: who.headers,
          });
          if (res.json().topUp.status === "succeeded") return Date.now() - paidAt;
          if (Date.now() - started > 300_000) throw new Error("a top-up did not settle in 5 minutes");
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    console.log(
      `${count} concurrent sandbox top-ups settle in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(pay → succeeded per top-up: ${summary(settleMs)}, including the sandbox's 0–1.5 s webhook delay)`,
    );
  }
  await app.close();
} finally {
  await jobs.stop();
  await database.close();
  await bench.close();
}
