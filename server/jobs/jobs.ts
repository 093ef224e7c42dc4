// Durable jobs on pg-boss. Timers of PRODUCT.md are jobs with a `startAfter`; they are enqueued in
// the caller's transaction, so a job whose transaction rolls back never exists, and a committed
// one survives restarts and runs once across processes (pg-boss claims with SKIP LOCKED).
//
// Never dropped: a job whose handler throws is retried with exponential backoff capped at
// RETRY_DELAY_MAX_S, without limit (money moves through these handlers; each one checks state first,
// so running late or twice is harmless). A job is never deleted before it ran (retention of ten
// years), and a job whose worker vanished mid-run (process killed, database gone) is taken back
// after HEARTBEAT_S without a heartbeat. Every failure is logged, counted (stats → /metrics) and
// listed (GET /api/v1/admin/jobs).
//
// Fast: the insert sends a NOTIFY inside the enqueuing transaction (delivered at commit) and the
// workers LISTEN, so a job starts within milliseconds of its commit; jobs due later (timers,
// retries) are found by a 0.5 s poll. Each fetch takes up to BATCH_SIZE jobs and runs them
// concurrently, each settled on its own (one failure does not fail the batch).
import { CompiledQuery } from "kysely";
import { type Job, type JobResult, PgBoss } from "pg-boss";
import type { z } from "zod";
import type { Jobs, RunnableJob } from "../core/jobs.ts";
import { workerOf } from "../core/jobs.ts";

// The port's types (server/core/jobs.ts), for the callers that start the workers.
export type { EnqueueOptions, JobStats, Jobs, RunnableJob } from "../core/jobs.ts";

/**
 * A job defined and handled in one object — only for tests and the bench, which make up queues
 * of their own. The app's jobs are `defineJob` + `workerOf` (server/core/jobs.ts).
 */
export type JobDefinition<T> = Readonly<{
  name: string;
  schema: z.ZodType<T>;
  handler: (data: T) => Promise<void>;
}>;

export function runnable<T>(job: JobDefinition<T>): RunnableJob {
  return workerOf(job, job.handler);
}

/** "Forever": pg-boss stores the limit in an int column. */
export const RETRY_FOREVER = 2_000_000_000;
/** Backoff 1 s, 2 s, 4 s … capped here: after an outage a job runs again within this many seconds. */
export const RETRY_DELAY_MAX_S = 10;
/** A running job that sends no heartbeat for this long (its process or its database went away) is retried. */
export const HEARTBEAT_S = 30;
/** Waiting jobs are never deleted unprocessed (pg-boss's default is 14 days after their start time). */
const RETENTION_S = 10 * 365 * 24 * 3600;
/** Completed (and given-up) jobs stay visible this long. */
const KEEP_FINISHED_S = 7 * 24 * 3600;
const BATCH_SIZE = 10;
const POLL_S = 0.5;
const DEPTH_REFRESH_MS = 5_000;

const QUEUE_POLICY = {
  retryLimit: RETRY_FOREVER,
  retryBackoff: true,
  retryDelay: 1,
  retryDelayMax: RETRY_DELAY_MAX_S,
  retentionSeconds: RETENTION_S,
  deleteAfterSeconds: KEEP_FINISHED_S,
  heartbeatSeconds: HEARTBEAT_S,
  notify: true,
};

export async function startJobs(
  connectionString: string,
  log: (m: string, e?: unknown) => void,
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    application_name: "liangjiang-jobs",
    // One extra connection LISTENs for the NOTIFY of new jobs.
    useListenNotify: true,
    // Expiry and lost heartbeats are checked on each supervision pass: every 10 s, not every 60 s.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  });
  // During a database outage every poll fails: say so once per message and 30 s, not twice a second.
  const lastSaid = new Map<string, number>();
  boss.on("error", (error) => {
    const key = String((error as Error)?.message);
    if (Date.now() - (lastSaid.get(key) ?? 0) < 30_000) return;
    lastSaid.set(key, Date.now());
    log("job queue error", error);
  });
  await boss.start();
  const queues = new Set<string>();
  const completed = new Map<string, number>();
  const failed = new Map<string, number>();
  let depth = new Map<string, { waiting: number; running: number; failed: number }>();
  let depthTimer: NodeJS.Timeout | undefined;

  async function ensureQueue(name: string) {
    if (queues.has(name)) return;
    await boss.createQueue(name, QUEUE_POLICY);
    // createQueue leaves an existing queue as it was: bring queues made by older versions up to date.
    await boss.updateQueue(name, QUEUE_POLICY);
    queues.add(name);
  }

  async function runBatch(runnableJob: RunnableJob, batch: Job<unknown>[]): Promise<JobResult[]> {
    return Promise.all(
      batch.map(async (job): Promise<JobResult> => {
        try {
          await runnableJob.run(job.data);
          completed.set(job.name, (completed.get(job.name) ?? 0) + 1);
          return { id: job.id, status: "completed" };
        } catch (error) {
          failed.set(job.name, (failed.get(job.name) ?? 0) + 1);
          const attempt = job.retryCount + 1;
          log(`job ${job.name} ${job.id} failed on attempt ${attempt}; will retry`, {
            name: job.name,
            id: job.id,
            attempt,
            error,
          });
          const e = error instanceof Error ? error : new Error(String(error));
          return { id: job.id, status: "failed", output: { name: e.name, message: e.message } };
        }
      }),
    );
  }

  async function refreshDepth() {
    const names = [...queues];
    if (names.length === 0) return;
    const { rows } = await boss.getDb().executeSql(
      `SELECT name,
              count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS waiting,
              count(*) FILTER (WHERE state = 'active')::int AS running,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active', 'failed')
        GROUP BY name`,
      [names],
    );
    const next = new Map(names.map((n) => [n, { waiting: 0, running: 0, failed: 0 }]));
    for (const r of rows) next.set(r.name, { waiting: r.waiting, running: r.running, failed: r.failed });
    depth = next;
  }

  return Object.freeze({
    async enqueue(tx, job, data, options = {}) {
      await ensureQueue(job.name);
      const payload = job.schema.parse(data) as object;
      await boss.send(job.name, payload, {
        startAfter: options.startAfter,
        singletonKey: options.singletonKey,
        db: {
          executeSql: async (text: string, values?: unknown[]) => {
            const result = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: result.rows as unknown[] };
          },
        },
      });
    },
    async work(runnables) {
      for (const runnableJob of runnables) await ensureQueue(runnableJob.name);
      await adoptOlderJobs(boss, runnables);
      for (const runnableJob of runnables) {
        await boss.work(
          runnableJob.name,
          {
            pollingIntervalSeconds: POLL_S,
            // NOTIFY wakes the workers for jobs due now; timers and retries still need the short poll.
            notifyPollingIntervalSeconds: POLL_S,
            // A job that asks for concurrency gets that many fetch loops of one job each: no
            // batch waits for its slowest job (core/jobs.ts DefinedJob.concurrency).
            ...(runnableJob.concurrency
              ? { batchSize: 1, localConcurrency: runnableJob.concurrency }
              : { batchSize: BATCH_SIZE, burstWhenBatchFull: true }),
            perJobResults: true,
          },
          (batch) => runBatch(runnableJob, batch),
        );
      }
      await refreshDepth().catch(() => {});
      depthTimer ??= setInterval(() => void refreshDepth().catch(() => {}), DEPTH_REFRESH_MS);
      depthTimer.unref();
    },
    stats: () => ({ completed, failed, depth }),
    async stop() {
      if (depthTimer) clearInterval(depthTimer);
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  });
}

/**
 * Jobs enqueued by older versions carry the old policy (five retries, deleted 14 days after their
 * start time), and some may already have failed for good: give them the current policy, and put
 * the failed ones back in line (their handlers check state first).
 */
async function adoptOlderJobs(boss: PgBoss, runnables: readonly RunnableJob[]) {
  const forever = runnables.map((r) => r.name);
  if (forever.length === 0) return;
  await boss.getDb().executeSql(
    `UPDATE pgboss.job SET
        state = CASE WHEN state = 'failed' THEN 'retry'::pgboss.job_state ELSE state END,
        completed_on = CASE WHEN state = 'failed' THEN NULL ELSE completed_on END,
        start_after = CASE WHEN state = 'failed' THEN greatest(start_after, now()) ELSE start_after END,
        retry_limit = $2, retry_backoff = true, retry_delay = 1, retry_delay_max = $3,
        heartbeat_seconds = $4,
        keep_until = greatest(keep_until, start_after + $5 * interval '1 second')
      WHERE name = ANY($1) AND state IN ('created', 'retry', 'failed') AND retry_limit < $2`,
    [forever, RETRY_FOREVER, RETRY_DELAY_MAX_S, HEARTBEAT_S, RETENTION_S],
  );
}
