// What the operator sees of the job queue (GET /api/v1/admin/jobs): read straight from pg-boss's
// table, so it shows every process's jobs, including those of queues no worker here runs.

import { sql } from "kysely";
import type { AdminJob, AdminJobList, JobState } from "../../../contracts/jobs.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable } from "../../db/database.ts";

const STATES: Record<JobState, string[]> = {
  waiting: ["created", "retry"],
  running: ["active"],
  failed: ["failed"],
};
const PRESENT: Record<string, AdminJob["state"]> = {
  created: "waiting",
  retry: "waiting",
  active: "running",
  failed: "failed",
  completed: "completed",
  cancelled: "cancelled",
};

type Row = {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  started_on: Date | null;
  start_after: Date;
  last_error: string | null;
};

/** Soonest first (`runAt`, then id); `cursor` continues after the last item of the previous page. */
export async function listJobs(
  q: Queryable,
  filter: { state?: JobState; limit: number; cursor?: string },
): Promise<AdminJobList> {
  const states = filter.state ? STATES[filter.state] : Object.values(STATES).flat();
  const cursor = decodeCursor("jobs", filter.cursor, ["instant", "uuid"] as const);
  const after = cursor
    ? sql`AND (date_trunc('milliseconds', start_after), id) > (${cursor[0]}, ${cursor[1]}::uuid)`
    : sql``;
  const { rows } = await sql<Row>`
    SELECT id, name, state, retry_count, started_on, start_after,
           coalesce(output->>'message', output->'value'->>'message') AS last_error
      FROM pgboss.job
     WHERE state::text = ANY(${states}) ${after}
     ORDER BY date_trunc('milliseconds', start_after), id
     LIMIT ${filter.limit + 1}`.execute(q);
  const { rows: counted } = await sql<{ waiting: number; running: number; failed: number }>`
    SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS waiting,
           count(*) FILTER (WHERE state = 'active')::int AS running,
           count(*) FILTER (WHERE state = 'failed')::int AS failed
      FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed')`.execute(q);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    counts: counted[0] ?? { waiting: 0, running: 0, failed: 0 },
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      state: PRESENT[r.state] ?? "waiting",
      // pg-boss counts a retry when a job that already started is claimed again.
      attempts: r.started_on ? r.retry_count + 1 : r.retry_count,
      lastError: r.state === "completed" ? null : r.last_error,
      runAt: new Date(r.start_after).toISOString(),
    })),
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor("jobs", [new Date(last.start_after), last.id]) : null,
  };
}
