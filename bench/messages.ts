// npm run bench -- messages [--senders=200] [--per-sender=25] [--connections=32]
// Messages through the full HTTP API of a real server process (bench/api-server.ts, durable
// commits), on one PostgreSQL (DATABASE_URL, or a fresh embedded server):
//   1. throughput: `senders` accounts each ask a contest's buyer in a thread of their own, then
//      autocannon sends `senders × per-sender` POST /threads/:id/messages (bearer auth, zod, the
//      participant check, the rate-limit counters, the contact filter — half the texts carry a phone
//      number or a WeChat id to mask — the insert, the thread's row lock and `message.sent` appended
//      in the same transaction) over `connections` connections, and prints messages/s and latency.
//      Each sender stays under the per-account limit (30 a minute, message-limits.ts), as people do.
//   2. realtime: a SECOND server process B (LJ_REALTIME=1: event consumers + the LISTEN hub) on the
//      same database; every sender (and the buyer) holds a WebSocket on B — `senders` + 1 sockets —
//      while messages are POSTed to process A. Per message: from the POST's start to the "message"
//      frame on the sender's own socket (commit → domain event → notifications consumer → pg_notify
//      → B's hub → socket): p50/p95/p99 over `rounds` × `senders` messages, `parallel` in flight.
//      Before it, B's consumer works off part 1's backlog of message.sent events (notifications/s).
// Results: docs/PERFORMANCE.md ("Messages").
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { withDatabase } from "../server/db/database.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const SENDERS = Number(arg("senders", "200"));
const PER_SENDER = Math.min(25, Number(arg("per-sender", "25")));
const CONNECTIONS = Number(arg("connections", "32"));
const ROUNDS = Math.min(4, Number(arg("rounds", "2")));
const PARALLEL = Number(arg("parallel", "20"));
const root = path.join(import.meta.dirname, "..");

const tmp = path.join(root, ".test-data", `bench-messages-${process.pid}`);
await fs.mkdir(tmp, { recursive: true });
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(path.join(tmp, "pg"), {});
const serverUrl = process.env.DATABASE_URL ?? (embedded?.serverUrl as string);
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
await admin.connect();
const version = (await admin.query("SHOW server_version")).rows[0].server_version;
console.log(
  `# ${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · node ${process.version}`,
);
console.log(
  `# load average before the run: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`# PostgreSQL ${version} (${embedded ? "embedded" : "DATABASE_URL"})`);

const appDb = `lj_bench_messages_${process.pid}`;
await admin.query(`CREATE DATABASE ${appDb}`);
const appUrl = withDatabase(serverUrl, appDb);
await migrate(appUrl);
const port = await freePort();
const serverEnv = (serverPort: number) => ({
  ...process.env,
  NODE_ENV: "production",
  ALLOW_SANDBOX_PAYMENTS: "true",
  LOG_LEVEL: "warn",
  DATABASE_URL: appUrl,
  PORT: String(serverPort),
  SEED_DEMO: "false",
  DATA_DIR: path.join(tmp, "data"),
  // Each bench account signs up from its own (forwarded) address: sign-ups are limited per IP.
  TRUST_PROXY: "1",
});
const child = spawn(process.execPath, ["bench/api-server.ts"], {
  cwd: root,
  env: serverEnv(port),
  stdio: ["ignore", "inherit", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
let childB: ReturnType<typeof spawn> | undefined;

type Person = { id: string; token: string };
type Sender = Person & { threadId: string };

try {
  await waitUntilUp(`${base}/readyz`);
  const buyer = await register("buyer");
  await fund(buyer, 100_000);
  const task = await api<{ task: { id: string } }>(buyer, "POST", "/tasks", {
    mode: "contest",
    title: "消息压测 Messages bench",
    brief: "A contest whose buyer is asked questions by every bench account.",
    categoryId: "logo",
    prizesMinor: [50_000],
    submissionDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  const senders = await inBatches(SENDERS, 8, async (i) => {
    const person = await register(`sender-${i}`);
    const { thread } = await api<{ thread: { id: string } }>(person, "POST", "/threads", {
      subject: { type: "task", id: task.task.id },
    });
    return { ...person, threadId: thread.id } satisfies Sender;
  });
  console.log(`# ${SENDERS} senders, each in its own thread with the contest's buyer`);

  // ── 1. Throughput ──────────────────────────────────────────────────────────────────────────────
  const texts = [
    "请问标志需要中英文两个版本吗？预算 1380 元，尺寸 1080×1920。",
    "加我微信 bench_designer88 细聊，电话 138 0013 8000",
    "Is the prize guaranteed? I can deliver by 2026-12-03.",
    "my email is bench.designer at gmail dot com, call +86 139 1234 5678",
  ];
  const amount = SENDERS * PER_SENDER;
  let n = 0;
  const started = performance.now();
  const run = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: "POST",
        path: "/",
        setupRequest: (req) => {
          const i = n++;
          const sender = senders[i % senders.length] as Sender;
          return {
            ...req,
            path: `/api/v1/threads/${sender.threadId}/messages`,
            headers: { "content-type": "application/json", authorization: `Bearer ${sender.token}` },
            body: JSON.stringify({ text: `${texts[i % texts.length]} #${i}` }),
          };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const db = new pg.Client({ connectionString: appUrl });
  await db.connect();
  const stored = (
    await db.query(
      `SELECT count(*)::int AS messages, count(*) FILTER (WHERE masked)::int AS masked,
              (SELECT count(*)::int FROM domain_events WHERE type = 'message.sent') AS events
       FROM messages`,
    )
  ).rows[0] as { messages: number; masked: number; events: number };
  await db.end();
  console.log("");
  console.log(
    "Messages through the API (POST /threads/:id/messages: auth, filter, insert, message.sent event)",
  );
  console.log(
    `connections ${CONNECTIONS}, ${amount} requests in ${seconds.toFixed(1)} s: ${(run["2xx"] / seconds).toFixed(0)} messages/s, latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors}`,
  );
  console.log(
    `stored: ${stored.messages} messages (${stored.masked} masked), ${stored.events} message.sent events`,
  );
  console.log(
    `messages: ${(run["2xx"] / seconds).toFixed(0)} messages/s (p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${CONNECTIONS} connections, ${SENDERS} senders)`,
  );

  // ── 2. Send → socket delivery, across two processes ───────────────────────────────────────────
  const portB = await freePort();
  childB = spawn(process.execPath, ["bench/api-server.ts"], {
    cwd: root,
    env: { ...serverEnv(portB), LJ_REALTIME: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseB = `http://127.0.0.1:${portB}`;
  await waitUntilUp(`${baseB}/readyz`);
  const drainStarted = performance.now();
  const backlog = await caughtUp(appUrl);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  console.log("");
  console.log(
    `# process B's notifications consumer worked off ${backlog.notifications} notifications (part 1's messages) in ${drainSeconds.toFixed(1)} s: ${(backlog.notifications / drainSeconds).toFixed(0)} notifications/s`,
  );
  const arrivals = new Map<string, number>();
  const sockets = await Promise.all(
    [...senders, { id: "buyer", token: buyer.token }].map(
      (who) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${baseB.replace("http", "ws")}/api/v1/stream`, {
            headers: { authorization: `Bearer ${who.token}` },
          } as never);
          ws.addEventListener("message", (e) => {
            const frame = JSON.parse(String(e.data)) as { type: string; data: { messageId?: string } };
            if (frame.type === "message" && frame.data.messageId && !arrivals.has(frame.data.messageId)) {
              arrivals.set(frame.data.messageId, performance.now());
            }
          });
          ws.addEventListener("open", () => resolve(ws));
          ws.addEventListener("error", () => reject(new Error("socket refused")));
        }),
    ),
  );
  console.log(`# ${sockets.length} sockets connected to process B; messages POSTed to process A`);
  const latencies: number[] = [];
  const afterAnswer: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await inBatches(senders.length, PARALLEL, async (i) => {
      const sender = senders[i] as Sender;
      const t0 = performance.now();
      const { message } = await api<{ message: { id: string } }>(
        sender,
        "POST",
        `/threads/${sender.threadId}/messages`,
        {
          text: `${texts[(i + round) % texts.length]} (delivery ${round}-${i})`,
        },
      );
      const answered = performance.now();
      for (let waited = 0; !arrivals.has(message.id); waited++) {
        if (waited > 3000) throw new Error(`message ${message.id} never reached its socket`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const arrived = arrivals.get(message.id) as number;
      latencies.push(arrived - t0);
      // After the POST's answer (the commit): the push's own part; 0 when the frame came first.
      afterAnswer.push(Math.max(0, arrived - answered));
    });
  }
  for (const ws of sockets) ws.close();
  latencies.sort((a, b) => a - b);
  afterAnswer.sort((a, b) => a - b);
  const quantile = (xs: number[], q: number) =>
    xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]?.toFixed(0);
  const at = (q: number) => quantile(latencies, q);
  console.log(
    `delivery: ${latencies.length} messages, send → socket p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (${sockets.length} sockets on process B, ${PARALLEL} sends in flight, POSTs to process A)`,
  );
  console.log(
    `  of which after the POST's answer (commit → event consumer → pg_notify → process B → socket): p50 ${quantile(afterAnswer, 0.5)} ms, p95 ${quantile(afterAnswer, 0.95)} ms`,
  );
} finally {
  childB?.kill("SIGTERM");
  if (childB) await new Promise((r) => childB?.once("exit", r));
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await admin.query(`DROP DATABASE IF EXISTS ${appDb} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}

/** Waits until the notifications consumer has no message.sent event left; how many notifications exist then. */
async function caughtUp(url: string): Promise<{ notifications: number }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM domain_events WHERE type = 'message.sent') AS events,
                (SELECT count(DISTINCT event_id)::int FROM notifications WHERE type = 'message.sent') AS done,
                (SELECT count(*)::int FROM notifications) AS notifications,
                coalesce((SELECT last_event_id >= (SELECT max(id) FROM domain_events WHERE type = 'message.sent')
                            FROM event_consumers WHERE name = 'realtime'), false) AS pushed`,
      );
      const r = rows[0] as { events: number; done: number; notifications: number; pushed: boolean };
      if (r.done >= r.events && r.pushed) return { notifications: r.notifications };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await db.end();
  }
}

async function register(name: string): Promise<Person> {
  const b = randomUUID();
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": `10.${parseInt(b.slice(0, 2), 16)}.${parseInt(b.slice(2, 4), 16)}.${parseInt(b.slice(4, 6), 16)}`,
    },
    body: JSON.stringify({
      email: `bench-${name}-${b.slice(0, 8)}@example.cn`,
      password: `Bench-${randomUUID()}`,
      displayName: `Bench ${name}`,
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const { token, user } = (await res.json()) as { token: string; user: { id: string } };
  return { id: user.id, token };
}

async function api<T>(who: Person, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      authorization: `Bearer ${who.token}`,
      "idempotency-key": randomUUID(),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function fund(who: Person, amountMinor: number) {
  const { topUp } = await api<{ topUp: { id: string } }>(who, "POST", "/wallet/top-ups", {
    amountMinor,
    method: "card",
  });
  await api(who, "POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, { outcome: "succeeded" });
  for (let i = 0; ; i++) {
    const { topUp: now } = await api<{ topUp: { status: string } }>(
      who,
      "GET",
      `/wallet/top-ups/${topUp.id}`,
    );
    if (now.status === "succeeded") return;
    if (i > 600) throw new Error(`top-up ${topUp.id} never settled (${now.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function inBatches<T>(count: number, parallel: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += parallel) {
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, k) => make(i + k)))),
    );
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${url}`);
}
