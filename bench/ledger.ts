// npm run bench -- ledger [--duration=15] [--clients=8,16,32]
// One run, one PostgreSQL (DATABASE_URL, or a fresh embedded server), durable commits (fsync and
// synchronous_commit on, the defaults):
//   1. the denominator: pgbench TPC-B, scale 10, 8 clients, measured again before each API step;
//   2. money operations through the full HTTP API of a real server process (server/main.ts): bearer
//      auth, zod validation, an Idempotency-Key per request, a ledger transfer (a withdrawal hold:
//      wallet → a payout-clearing sub-account), the JSON reply — spread over 20 accounts;
// and prints transfers/s, p50/p99 and the ratio to TPC-B. Results: docs/PERFORMANCE.md.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { inTransaction } from "../server/core/transaction.ts";
import { connect } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { runAudit } from "../server/features/wallet/wallet.routes.ts";
import { AccountCodes, AccountFlags, accounts, CNY, TransferCodes } from "../server/ledger/chart.ts";
import { ensureAccounts, postTransfers } from "../server/ledger/ledger.ts";
import { arg, benchPostgres, freePort, waitUntilUp } from "./lib/postgres.ts";

const DURATION_S = Number(arg("duration", "15"));
const CLIENTS = arg("clients", "8,16,32").split(",").map(Number);
const HOT_CLIENTS = 16;
const USERS = 20; // sign-ups per IP per hour are limited to 20
const PGBENCH = process.env.PGBENCH ?? "/usr/lib/postgresql/15/bin/pgbench";
const root = path.join(import.meta.dirname, "..");

const bench = await benchPostgres("ledger");
const { admin } = bench;
const settings = (
  await admin.query(
    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method')",
  )
).rows
  .map((r) => `${r.name}=${r.setting}`)
  .join(" ");
await bench.printHeader(settings);

let child: ReturnType<typeof spawn> | undefined;
try {
  // 1. pgbench TPC-B, scale 10, 8 clients.
  const { name: pgbenchDb, url: pgbenchUrl } = await bench.createDatabase("lj_pgbench");
  const u = new URL(pgbenchUrl);
  const pgEnv = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: pgbenchDb,
  };
  execFileSync(PGBENCH, ["-i", "-s", "10", "-q"], { env: pgEnv, stdio: "ignore" });
  // The machine may be shared: TPC-B is measured again right before each API step, and each ratio
  // uses the TPC-B figure measured next to it.
  const pgbench = () => {
    const out = execFileSync(PGBENCH, ["-c", "8", "-j", "2", "-T", String(DURATION_S), "-M", "prepared"], {
      env: pgEnv,
      encoding: "utf8",
    });
    return {
      tps: Number(/tps = ([\d.]+)/.exec(out)?.[1]),
      latency: /latency average = ([\d.]+) ms/.exec(out)?.[1],
    };
  };

  // 2. The API on its own database, in a real server process.
  const { url: appUrl } = await bench.createDatabase("lj_bench");
  await migrate(appUrl);
  const port = await freePort();
  const prof = process.env.LJ_BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LJ_BENCH_CPU_PROF}`]
    : [];
  child = spawn(process.execPath, [...prof, "bench/api-server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      // The bench pays through the sandbox provider, which production refuses unless allowed.
      ALLOW_SANDBOX_PAYMENTS: "true",
      LOG_LEVEL: "warn",
      DATABASE_URL: appUrl,
      PORT: String(port),
      SEED_DEMO: "false",
      DATA_DIR: path.join(bench.dir, "data"),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${base}/readyz`);

  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const res = await fetch(`${base}/api/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `bench-${i}-${randomUUID().slice(0, 8)}@example.cn`,
        password: `Bench-${randomUUID()}`,
        displayName: `Bench ${i}`,
      }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    tokens.push(token);
    await fund(base, token, 100_000_000_000);
  }

  const results: { clients: number; tps: number; p50: number; p99: number; errors: number; tpcb: number }[] =
    [];
  for (const clients of CLIENTS) {
    const tpcb = pgbench();
    console.log(
      `pgbench TPC-B  scale 10, 8 clients, ${DURATION_S} s: ${tpcb.tps.toFixed(0)} tps (latency avg ${tpcb.latency} ms)`,
    );
    let n = 0;
    const run = await autocannon({
      url: base,
      connections: clients,
      duration: DURATION_S,
      requests: [
        {
          method: "POST",
          path: "/api/v1/wallet/withdrawals",
          setupRequest: (req) => {
            const i = n++;
            return {
              ...req,
              headers: {
                "content-type": "application/json",
                authorization: `Bearer ${tokens[i % tokens.length]}`,
                "idempotency-key": `bench-${clients}-${i}`,
              },
              body: JSON.stringify({
                amountMinor: 1,
                destination: { method: "bank", account: "6222-bench" },
              }),
            };
          },
        },
      ],
    });
    const ok = run["2xx"];
    results.push({
      clients,
      tps: ok / DURATION_S,
      p50: run.latency.p50,
      p99: run.latency.p99,
      errors: run.non2xx + run.errors,
      tpcb: tpcb.tps,
    });
    console.log(`API ${clients} clients: ${(ok / DURATION_S).toFixed(0)} transfers/s`);
  }
  console.log("");
  console.log("API money operations (POST /wallet/withdrawals, bearer auth, Idempotency-Key, ledger hold)");
  console.log("clients  transfers/s  p50 ms  p99 ms  non-2xx  TPC-B tps (just before)  ratio to TPC-B");
  for (const r of results) {
    console.log(
      `${String(r.clients).padStart(7)}  ${r.tps.toFixed(0).padStart(11)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.errors).padStart(7)}  ${r.tpcb.toFixed(0).padStart(22)}  ${(r.tps / r.tpcb).toFixed(2)}×`,
    );
  }

  await admin.query(`DROP DATABASE ${pgbenchDb} WITH (FORCE)`);
  const { db, close } = connect(appUrl, { max: HOT_CLIENTS + 2 });
  // The audit of everything the API did. (Part 3 below seeds its wallets straight from payment
  // clearing, with no provider charge behind them: the reconciliation checks would flag that.)
  const audit = await runAudit({ db });

  // 3. The hot-account question, on the ledger core (no HTTP): linked postings "payer → payee
  // (amount) + payer → platform revenue (fee)" between 64 wallets from 16 clients, with the fee
  // going to the 16 revenue sub-accounts, then to one single revenue account.
  const wallets = Array.from({ length: 64 }, (_, i) => accounts.wallet(`hot-bench-${i}`));
  const hot = {
    id: "platform:revenue:single",
    ledger: CNY,
    code: AccountCodes.platformRevenue,
    flags: AccountFlags.none,
    ownerId: null,
  };
  await inTransaction(db, async (tx) => {
    await ensureAccounts(tx, [...wallets, hot]);
    await postTransfers(
      tx,
      wallets.map((w) => ({
        id: `hot-seed:${w.id}`,
        debitAccountId: accounts.paymentClearing("sandbox", w.id).id,
        creditAccountId: w.id,
        amount: 100_000_000_000,
        code: TransferCodes.topUp,
      })),
    );
  });
  const postings = async (revenue: (transferId: string) => string) => {
    let done = 0;
    let seq = 0;
    const end = Date.now() + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: HOT_CLIENTS }, async () => {
        while (Date.now() < end) {
          const n = seq++;
          const payer = wallets[Math.floor(Math.random() * wallets.length)]?.id as string;
          let payee = payer;
          while (payee === payer) payee = wallets[Math.floor(Math.random() * wallets.length)]?.id as string;
          const id = `hot:${randomUUID()}:${n}`;
          await inTransaction(db, (tx) =>
            postTransfers(tx, [
              {
                id: `${id}:pay`,
                debitAccountId: payer,
                creditAccountId: payee,
                amount: 100,
                code: TransferCodes.escrowRelease,
              },
              {
                id: `${id}:fee`,
                debitAccountId: payer,
                creditAccountId: revenue(`${id}:fee`),
                amount: 10,
                code: TransferCodes.platformFee,
              },
            ]),
          );
          done++;
        }
      }),
    );
    return done / DURATION_S;
  };
  const sharded = await postings((id) => accounts.platformRevenue(id).id);
  const single = await postings(() => hot.id);
  console.log("");
  console.log(
    `Ledger core, ${HOT_CLIENTS} clients, linked posting (payment + fee to platform revenue), ${DURATION_S} s each:`,
  );
  console.log(`  revenue in 16 sub-accounts: ${sharded.toFixed(0)} postings/s`);
  console.log(
    `  revenue in one account:     ${single.toFixed(0)} postings/s  (${(single / sharded).toFixed(2)}× of sharded)`,
  );

  await close();
  console.log(`\naudit after the API run: ${audit.ok ? "ok" : "FAILED"}`);
  console.log(
    `# load average after the run: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (!audit.ok)
    console.log(
      JSON.stringify(
        audit.checks.filter((c) => !c.ok),
        null,
        2,
      ),
    );
} finally {
  child?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1_000));
  await bench.close();
}

async function fund(base: string, token: string, amountMinor: number) {
  const res = await fetch(`${base}/api/v1/wallet/top-ups`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ amountMinor, method: "card" }),
  });
  const { topUp } = (await res.json()) as { topUp: { id: string } };
  // Pay it at the sandbox provider, as its owner (the provider records the charge that the audit
  // reconciles the credit with); its signed webhook settles it within seconds.
  const auth = { authorization: `Bearer ${token}` };
  const pay = await fetch(`${base}/api/v1/payments/sandbox/top-ups/${topUp.id}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ outcome: "succeeded" }),
  });
  if (pay.status !== 202) throw new Error(`pay: ${pay.status} ${await pay.text()}`);
  for (let i = 0; ; i++) {
    const r = await fetch(`${base}/api/v1/wallet/top-ups/${topUp.id}`, { headers: auth });
    const { topUp: now } = (await r.json()) as { topUp: { status: string } };
    if (now.status === "succeeded") return;
    if (i > 600) throw new Error(`top-up ${topUp.id} never settled (${now.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
