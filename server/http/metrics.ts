// Prometheus text exposition without a client library: request counts and a latency histogram
// per route, plus process and pool gauges. Cheap enough for the hot path (one Map lookup).
import type { FastifyInstance } from "fastify";
import type { JobStats } from "../core/jobs.ts";

const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Series = { count: number; sumS: number; buckets: number[] };

/** `jobs`: the job queue whose counters and depths are exported (liangjiang_jobs_*). */
export function createMetrics(sources: { jobs?: { stats(): JobStats } } = {}) {
  const requests = new Map<string, number>();
  const durations = new Map<string, Series>();
  const gauges = new Map<string, () => number>();

  function observe(method: string, route: string, status: number, seconds: number) {
    const key = `method="${method}",route="${route}",status="${status}"`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const dkey = `method="${method}",route="${route}"`;
    let s = durations.get(dkey);
    if (!s) {
      s = { count: 0, sumS: 0, buckets: BUCKETS_S.map(() => 0) };
      durations.set(dkey, s);
    }
    s.count++;
    s.sumS += seconds;
    BUCKETS_S.forEach((le, i) => {
      if (seconds <= le && s) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
  }

  function render(): string {
    const out: string[] = [];
    out.push("# HELP http_requests_total HTTP requests answered, by route and status.");
    out.push("# TYPE http_requests_total counter");
    for (const [labels, n] of requests) out.push(`http_requests_total{${labels}} ${n}`);
    out.push("# HELP http_request_duration_seconds Time to answer an HTTP request.");
    out.push("# TYPE http_request_duration_seconds histogram");
    for (const [labels, s] of durations) {
      BUCKETS_S.forEach((le, i) => {
        out.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`);
      });
      out.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      out.push(`http_request_duration_seconds_sum{${labels}} ${s.sumS}`);
      out.push(`http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    const builtIn: [string, string, number][] = [
      ["process_resident_memory_bytes", "Resident memory of the process.", mem.rss],
      ["nodejs_heap_used_bytes", "V8 heap in use.", mem.heapUsed],
      ["process_uptime_seconds", "Seconds since the process started.", process.uptime()],
    ];
    for (const [name, getter] of gauges) builtIn.push([name, name.replaceAll("_", " "), getter()]);
    for (const [name, help, value] of builtIn) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
    }
    if (sources.jobs) out.push(...renderJobs(sources.jobs.stats()));
    return `${out.join("\n")}\n`;
  }

  return {
    observe,
    render,
    gauge(name: string, getter: () => number) {
      gauges.set(name, getter);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function installMetrics(app: FastifyInstance, metrics: Metrics) {
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern, not the URL: /tasks/:id stays one series however many tasks exist.
    const route = request.routeOptions.url ?? "unmatched";
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

/** Job counters of this process's workers, and queue depths (shared by every process on the database). */
function renderJobs(stats: JobStats): string[] {
  const out: string[] = [];
  const counter = (name: string, help: string, values: ReadonlyMap<string, number>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const [job, n] of values) out.push(`${name}{name="${job}"} ${n}`);
  };
  counter("liangjiang_jobs_completed_total", "Job runs that succeeded, by job name.", stats.completed);
  counter(
    "liangjiang_jobs_failed_total",
    "Job runs that threw (each is retried with backoff), by job name.",
    stats.failed,
  );
  out.push(
    "# HELP liangjiang_jobs_queued Jobs by job name and state: waiting (due or not), running, failed (given up).",
    "# TYPE liangjiang_jobs_queued gauge",
  );
  for (const [job, d] of stats.depth) {
    for (const state of ["waiting", "running", "failed"] as const) {
      out.push(`liangjiang_jobs_queued{name="${job}",state="${state}"} ${d[state]}`);
    }
  }
  return out;
}
