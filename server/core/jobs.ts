// The job queue as use cases see it — a port, like file-storage.ts: server/jobs/jobs.ts implements
// it on pg-boss (startJobs). A job is defined once with `defineJob({ name, schema })` in its
// feature's `<noun>.jobs.ts` (what the use cases import to enqueue it, and nothing of the feature),
// and run by `workerOf(job, run)` in the feature's `<noun>.workers.ts` (listed in app.ts's
// jobDefinitions). The use cases a worker runs import only the definition, so a chain of timers
// (a deadline's use case enqueues the next timer) never turns into an import circle.
//
// The name is the pg-boss queue and is stored with every queued job: renaming one needs a migration
// that moves the waiting jobs, so the names from before issue 13 (`wallet-payout`,
// `contest-selection-end` …) are kept and new jobs take `<noun>.<event>` (`payables.auto-accept`).
import type { z } from "zod";
import type { Tx } from "../db/database.ts";

/**
 * What a job is: its queue name and the schema of its payload (checked at enqueue and at run).
 * `concurrency`: how many run at once in one process, each fetched on its own — for jobs whose
 * latency matters and whose durations vary (one slow job must not hold up the others, as it does
 * in a batch, which is done only when its slowest job is). Default: batches of 10.
 */
export type DefinedJob<T> = Readonly<{ name: string; schema: z.ZodType<T>; concurrency?: number }>;

export function defineJob<T>(job: DefinedJob<T>): DefinedJob<T> {
  return Object.freeze({
    name: job.name,
    schema: job.schema,
    ...(job.concurrency ? { concurrency: job.concurrency } : {}),
  });
}

/** A job as the workers see it: its payload is parsed against the schema before `run`. */
export type RunnableJob = Readonly<{ name: string; concurrency?: number; run(data: unknown): Promise<void> }>;

/** The worker of a defined job; `run` throwing retries the job with capped backoff, forever. */
export function workerOf<T>(job: DefinedJob<T>, run: (data: T) => Promise<unknown>): RunnableJob {
  return {
    name: job.name,
    ...(job.concurrency ? { concurrency: job.concurrency } : {}),
    run: async (data) => {
      await run(job.schema.parse(data));
    },
  };
}

export type EnqueueOptions = { startAfter?: Date; singletonKey?: string };

/** Per queue: jobs waiting (due or not), running, failed for good; counters since the process started. */
export type JobStats = Readonly<{
  completed: ReadonlyMap<string, number>;
  failed: ReadonlyMap<string, number>;
  depth: ReadonlyMap<string, { waiting: number; running: number; failed: number }>;
}>;

export type Jobs = Readonly<{
  /** Enqueue inside the business transaction: the job exists iff the transaction commits. */
  enqueue<T>(tx: Tx, job: DefinedJob<T>, data: T, options?: EnqueueOptions): Promise<void>;
  /** Start the workers (the HTTP-only test setups skip this). */
  work(jobs: readonly RunnableJob[]): Promise<void>;
  /** Counters of this process's workers and the queue depths (refreshed every few seconds). */
  stats(): JobStats;
  stop(): Promise<void>;
}>;
