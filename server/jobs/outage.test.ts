// Must-show 3: money jobs survive a 90-second database outage. The app and its workers reach
// PostgreSQL through a TCP proxy in this process; the test cuts it (every connection reset, new
// ones refused) for 90 s and restores it. Two top-up settlements (sandbox webhook jobs) are caught
// by it: one was running — blocked on its top-up's row lock, which the test holds from a direct
// connection — when the database went away (its failure could not even be recorded: it stays
// 'active' in the table), the other fell due during the outage. Both must complete after the
// database returns, the money must move exactly once, and the ledger audit must pass.
// Before: the running one stayed 'active' until pg-boss's 15-minute expiry (and after ~62 s of
// failures a job was failed for good).
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { signUp } from "../../test/helpers/factories.ts";
import { waitFor } from "../../test/helpers/wait.ts";
import { buildApp, jobDefinitions } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import { systemClock } from "../core/clock.ts";
import { inTransaction } from "../core/transaction.ts";
import { connect } from "../db/database.ts";
import { sandboxPay } from "../features/wallet/sandbox-pay.ts";
import { runAudit } from "../features/wallet/wallet.routes.ts";
import { buildPorts } from "../ports.ts";
import { type Jobs, startJobs } from "./jobs.ts";

const OUTAGE_MS = Number(process.env.LJ_OUTAGE_MS ?? 90_000);

/** A TCP proxy to PostgreSQL that can be cut (connections reset, new ones refused) and restored. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let appDb: ReturnType<typeof connect>;
let jobs: Jobs;
let app: Awaited<ReturnType<typeof buildApp>>;
let config: Config;

before(async () => {
  database = await createTestDatabase();
  const direct = new URL(database.url);
  proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(database.url);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), "lj-outage-")),
    SEED_DEMO: "false",
  });
  appDb = connect(viaProxy.toString());
  jobs = await startJobs(viaProxy.toString(), () => {});
  const deps = { config, db: appDb.db, jobs, clock: systemClock, ...buildPorts(config) };
  app = await buildApp(deps);
  await app.ready();
  await jobs.work(jobDefinitions(deps));
});
after(async () => {
  await app?.close();
  await jobs?.stop();
  await appDb?.close();
  await proxy?.close();
  await database.drop();
  await fs.rm(config.dataDir, { recursive: true, force: true });
});

const topUpStatus = async (id: string) =>
  (await database.pool.query("SELECT status FROM top_ups WHERE id = $1", [id])).rows[0]?.status as string;
const webhookJob = async (topUpId: string) =>
  (
    await database.pool.query(
      `SELECT state, retry_count FROM pgboss.job
        WHERE name = 'payments-sandbox-webhook' AND data->>'body' LIKE '%' || $1 || '%'`,
      [topUpId],
    )
  ).rows[0] as { state: string; retry_count: number } | undefined;

test(`money jobs caught by a ${OUTAGE_MS / 1000}-second database outage complete once it ends, exactly once`, async () => {
  const payer = await signUp(app);
  const createTopUp = async (amountMinor: number) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/wallet/top-ups",
      headers: payer.headers,
      payload: { amountMinor, method: "alipay" },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().topUp.id as string;
  };
  const running = await createTopUp(30_000);
  const dueDuringOutage = await createTopUp(12_345);

  // The first settlement starts and blocks on its top-up's row, locked here on a direct connection.
  await inTransaction(appDb.db, (tx) => sandboxPay(tx, jobs, running, "succeeded", { firstDelayMs: 500 }));
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("SELECT 1 FROM top_ups WHERE id = $1 FOR UPDATE", [running]);
  await waitFor(
    () => webhookJob(running),
    (j) => j?.state === "active",
    20_000,
  );
  // The second falls due in the middle of the outage.
  await inTransaction(appDb.db, (tx) =>
    sandboxPay(tx, jobs, dueDuringOutage, "succeeded", { firstDelayMs: OUTAGE_MS / 3 }),
  );

  proxy.cut();
  // The blocked settlement's connection is gone; letting its lock go cannot let it commit.
  await locker.query("ROLLBACK");
  await locker.end();
  await new Promise((r) => setTimeout(r, 1_000));
  assert.equal((await webhookJob(running))?.state, "active", "its failure could not be recorded");
  assert.equal(await topUpStatus(running), "pending");
  await new Promise((r) => setTimeout(r, OUTAGE_MS - 1_000));
  assert.equal(await topUpStatus(running), "pending");
  assert.equal(await topUpStatus(dueDuringOutage), "pending");
  proxy.restore();

  for (const id of [running, dueDuringOutage]) {
    await waitFor(
      () => topUpStatus(id),
      (s) => s === "succeeded",
      90_000,
    );
  }
  // The job is marked completed by the queue just after its handler's transaction commits, so the
  // top-up can read 'succeeded' a moment before the job reads 'completed'.
  const job = await waitFor(
    () => webhookJob(running),
    (j) => j?.state === "completed",
    10_000,
  );
  assert.equal(job?.state, "completed");
  assert.ok((job?.retry_count ?? 0) >= 1, "the interrupted run was retried");

  // The money moved exactly once: one top-up transfer each, and the wallet holds their sum.
  const { rows } = await database.pool.query(
    "SELECT id, amount FROM ledger_transfers WHERE id = ANY($1) ORDER BY amount",
    [[`topup:${running}`, `topup:${dueDuringOutage}`]],
  );
  assert.deepEqual(
    rows.map((r) => Number(r.amount)),
    [12_345, 30_000],
  );
  const wallet = await app.inject({ method: "GET", url: "/api/v1/wallet", headers: payer.headers });
  assert.equal(wallet.json().availableMinor, 42_345);
  const audit = await runAudit({ db: database.db });
  assert.equal(audit.ok, true, JSON.stringify(audit.checks.filter((c) => !c.ok)));
});
