// Crash test: concurrent money requests over HTTP against the real server process (server/main.ts), killed
// with SIGKILL and restarted several times. Clients retry with the same Idempotency-Key until they
// get an answer; at the end every request is replayed. Every acknowledged operation must exist
// exactly once, every replay must return the first answer, and the audit must pass.
// `npm test` runs a short variant; LJ_CRASH_KILLS=20 LJ_CRASH_OPS=2000 for a long one.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { createTestDatabase } from "../../../test/helpers/db.ts";
import { SIGNATURE_HEADER, sandboxNotification } from "../../payments/sandbox.ts";
import { runAudit } from "./wallet.routes.ts";

const KILLS = Number(process.env.LJ_CRASH_KILLS ?? 3);
const OPS = Number(process.env.LJ_CRASH_OPS ?? 100);
const CLIENTS = 8;
const USERS = 4;
const root = path.join(import.meta.dirname, "..", "..", "..");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let child: ChildProcess | undefined;
let base = "";
let port = 0;

before(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-crash-"));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
});
after(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await database.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: p } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(p));
    });
  });
}

async function startServer() {
  child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      // Top-ups go through the sandbox provider, which production refuses unless allowed.
      ALLOW_SANDBOX_PAYMENTS: "true",
      LOG_LEVEL: "fatal",
      DATABASE_URL: database.url,
      PORT: String(port),
      SEED_DEMO: "false",
      DATA_DIR: dataDir,
      LJ_POOL_MAX: "10",
      // Small withdrawals are approved at once: payout jobs run (and are interrupted) too.
      WITHDRAWAL_AUTO_APPROVE_MAX_MINOR: "30000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Generous: on a loaded CI machine a cold start (type stripping, pg-boss, migrations check) is slow.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not start within 90 s");
}

async function kill() {
  const c = child;
  if (!c || c.exitCode !== null) return;
  const exited = new Promise((r) => c.once("exit", r));
  c.kill("SIGKILL");
  await exited;
}

type Answer = { status: number; body: string };
/** POST until the server answers (connection errors = the server is down: wait and retry). */
async function send(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  for (;;) {
    try {
      const res = await fetch(`${base}${url}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      // 409 = "still in progress" (the first attempt may still hold the key): retry later.
      if (res.status === 409 || res.status >= 500) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      return { status: res.status, body: text };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

type Op =
  | { kind: "withdraw"; user: number; key: string; body: string }
  | { kind: "topup"; user: number; key: string; body: string }
  | { kind: "webhook"; topUpId: string; amountMinor: number };

test("SIGKILL during concurrent money requests loses and duplicates nothing", {
  timeout: 300_000,
}, async () => {
  await startServer();
  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const res = await fetch(`${base}/api/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `crash-${i}-${randomUUID().slice(0, 8)}@example.cn`,
        password: `Crash-${randomUUID()}`,
        displayName: `Crash ${i}`,
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const auth = (user: number) => ({ authorization: `Bearer ${tokens[user]}` });

  const queue: Op[] = [];
  for (let i = 0; i < OPS; i++) {
    const user = i % USERS;
    if (i < USERS || Math.random() < 0.3) {
      const amountMinor = 50_000 + Math.floor(Math.random() * 50_000);
      queue.push({
        kind: "topup",
        user,
        key: `t-${i}-${randomUUID()}`,
        body: JSON.stringify({ amountMinor, method: "card" }),
      });
    } else {
      const amountMinor = 1_000 + Math.floor(Math.random() * 60_000);
      const account = Math.random() < 0.2 ? `fail-${i}` : `6222-${i}`;
      queue.push({
        kind: "withdraw",
        user,
        key: `w-${i}-${randomUUID()}`,
        body: JSON.stringify({ amountMinor, destination: { method: "bank", account } }),
      });
    }
  }
  const answers = new Map<string, Answer>();
  const done: Op[] = [];

  let stop = false;
  const killer = (async () => {
    for (let k = 0; k < KILLS && !stop; k++) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      await kill();
      await new Promise((r) => setTimeout(r, 100));
      await startServer();
    }
  })();

  const worker = async () => {
    for (let op = queue.shift(); op; op = queue.shift()) {
      if (op.kind === "webhook") {
        // As the sandbox provider: charge the top-up (its own table), then notify.
        const { body, headers } = await sandboxNotification(database.db, dataDir, {
          id: `evt_${op.topUpId}_succeeded`,
          type: "payment.succeeded",
          topUpId: op.topUpId,
          amountMinor: op.amountMinor,
          currency: "CNY",
        });
        const a = await send("/api/v1/payments/webhooks/sandbox", body, {
          [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER] as string,
        });
        assert.equal(a.status, 200, a.body);
      } else {
        const url = op.kind === "topup" ? "/api/v1/wallet/top-ups" : "/api/v1/wallet/withdrawals";
        const a = await send(url, op.body, { ...auth(op.user), "idempotency-key": op.key });
        assert.ok([201, 402].includes(a.status), `${op.kind}: ${a.status} ${a.body}`);
        answers.set(op.key, a);
        if (op.kind === "topup" && a.status === 201) {
          const { topUp } = JSON.parse(a.body);
          queue.unshift({ kind: "webhook", topUpId: topUp.id, amountMinor: topUp.amountMinor });
        }
      }
      done.push(op);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  stop = true;
  await killer;
  if (!child || child.exitCode !== null) await startServer();

  // Replay everything: the same answer, nothing moved again.
  for (const op of done) {
    if (op.kind === "webhook") continue;
    const url = op.kind === "topup" ? "/api/v1/wallet/top-ups" : "/api/v1/wallet/withdrawals";
    const again = await send(url, op.body, { ...auth(op.user), "idempotency-key": op.key });
    const first = answers.get(op.key) as Answer;
    assert.equal(again.status, first.status, op.key);
    assert.deepEqual(JSON.parse(again.body), JSON.parse(first.body), op.key);
  }

  // Every acknowledged withdrawal and top-up exists exactly once, and nothing else does.
  const acked = (kind: Op["kind"]) =>
    done
      .filter((o) => o.kind === kind)
      .map((o) => answers.get((o as { key: string }).key) as Answer)
      .filter((a) => a.status === 201)
      .map((a) => JSON.parse(a.body));
  const ackedWithdrawals = acked("withdraw")
    .map((b) => b.withdrawal.id as string)
    .sort();
  const ackedTopUps = acked("topup")
    .map((b) => b.topUp.id as string)
    .sort();
  const dbWithdrawals = (await database.db.selectFrom("withdrawals").select("id").execute())
    .map((r) => r.id)
    .sort();
  const dbTopUps = (await database.db.selectFrom("top_ups").select("id").execute()).map((r) => r.id).sort();
  assert.deepEqual(dbWithdrawals, ackedWithdrawals);
  assert.deepEqual(dbTopUps, ackedTopUps);
  assert.ok(ackedWithdrawals.length > 0, "some withdrawals were accepted");
  assert.ok(ackedTopUps.length > 0, "some top-ups were accepted");
  console.log(
    `# crash test: ${KILLS} kills, ${done.length} requests answered, ${ackedTopUps.length} top-ups, ${ackedWithdrawals.length} withdrawals accepted`,
  );

  // Payout jobs interrupted by the kills finish after the restarts.
  for (let i = 0; i < 200; i++) {
    const open = await database.db
      .selectFrom("withdrawals")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "approved")
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const topUpsSettled = await database.db
    .selectFrom("top_ups")
    .select("status")
    .where("status", "<>", "succeeded")
    .execute();
  assert.equal(topUpsSettled.length, 0, "every acknowledged top-up's webhook was delivered and settled");

  // Per user: available + held + paid out = topped up.
  for (let u = 0; u < USERS; u++) {
    const w = (await (await fetch(`${base}/api/v1/wallet`, { headers: auth(u) })).json()) as {
      availableMinor: number;
    };
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: auth(u) })).json()) as {
      user: { id: string };
    };
    const userId = me.user.id as string;
    const topped = await database.db
      .selectFrom("top_ups")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_minor"), eb.lit(0)).as("s"))
      .where("account_id", "=", userId)
      .where("status", "=", "succeeded")
      .executeTakeFirstOrThrow();
    const out = await database.db
      .selectFrom("withdrawals")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_minor"), eb.lit(0)).as("s"))
      .where("account_id", "=", userId)
      .where("status", "in", ["pending", "approved", "paid"])
      .executeTakeFirstOrThrow();
    assert.equal(w.availableMinor + Number(out.s), Number(topped.s), `user ${u}`);
  }

  await kill();
  const audit = await runAudit({ db: database.db });
  assert.ok(audit.ok, JSON.stringify(audit.checks.filter((c) => !c.ok)));
});
