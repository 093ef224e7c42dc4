// Durable jobs on pg-boss. Timers of PRODUCT.md are jobs with a `startAfter`; they are enqueued in
// the caller's transaction, so a job whose transaction rolls back never exists, and a committed
// one survives restarts and runs once across processes (pg-boss claims with SKIP LOCKED).
import { CompiledQuery } from "kysely";
import { PgBoss } from "pg-boss";
import type { z } from "zod";
import type { Tx } from "../db/database.ts";

export type JobDefinition<T> = Readonly<{
  name: string;
  schema: z.ZodType<T>;
  /** Runs after the job is claimed; throwing retries it (with backoff) up to `retryLimit`. */
  handler: (data: T) => Promise<void>;
  retryLimit?: number;
}>;

/** A job as the workers see it: its payload is parsed against the schema before the handler runs. */
export type RunnableJob = Readonly<{ name: string; retryLimit?: number; run(data: unknown): Promise<void> }>;

export function runnable<T>(job: JobDefinition<T>): RunnableJob {
  return { name: job.name, retryLimit: job.retryLimit, run: (data) => job.handler(job.schema.parse(data)) };
}

export type EnqueueOptions = { startAfter?: Date; singletonKey?: string };

export type Jobs = Readonly<{
  /** Enqueue inside the business transaction: the job exists iff the transaction commits. */
  enqueue<T>(
    tx: Tx,
    job: Pick<JobDefinition<T>, "name" | "schema">,
    data: T,
    options?: EnqueueOptions,
  ): Promise<void>;
  /** Start polling for the given definitions (the HTTP-only test setups skip this). */
  work(jobs: readonly RunnableJob[]): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}>;

export async function startJobs(
  connectionString: string,
  log: (m: string, e?: unknown) => void,
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    application_name: "liangjiang-jobs",
  });
  boss.on("error", (error) => log("job queue error", error));
  await boss.start();
  const queues = new Set<string>();

  async function ensureQueue(name: string, retryLimit = 5) {
    if (queues.has(name)) return;
    await boss.createQueue(name, { retryLimit, retryBackoff: true, retryDelay: 2 });
    queues.add(name);
  }

  return Object.freeze({
    boss,
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
      for (const runnableJob of runnables) {
        await ensureQueue(runnableJob.name, runnableJob.retryLimit);
        await boss.work(runnableJob.name, { pollingIntervalSeconds: 1 }, async (batch) => {
          for (const job of batch) await runnableJob.run(job.data);
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  });
}
