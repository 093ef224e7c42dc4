// The server as an operator runs it: whole processes of server/main.ts, started, probed and
// stopped with signals. Covers concurrent start-up on one database, graceful SIGTERM, and a
// restart on the same embedded DATA_DIR.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import pg from "pg";
import { createTestDatabase } from "./helpers/db.ts";

const root = path.join(import.meta.dirname, "..");
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    // The sandbox is the only payment provider: production starts it only when allowed.
    env: {
      ...process.env,
      NODE_ENV: "production",
      ALLOW_SANDBOX_PAYMENTS: "true",
      LOG_LEVEL: "warn",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { port, child, exited, output: () => output };
}

// Generous: on a loaded 2-core machine a cold start (embedded initdb, migrations, the demo seed
// drawing its images) has taken over a minute.
async function waitReady(port: number, server: { output(): string }, timeoutMs = 240_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} not ready:\n${server.output()}`);
}

async function stop(server: { child: ChildProcess; exited: Promise<number | null> }) {
  const started = Date.now();
  server.child.kill("SIGTERM");
  const code = await server.exited;
  return { code, ms: Date.now() - started };
}

test("two servers started at once on one empty DATABASE_URL both come up and stop gracefully", {
  timeout: 600_000,
}, async () => {
  const database = await createTestDatabase();
  try {
    // Empty it completely, so both processes race on migrations and the demo seed.
    await database.pool.query(
      "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE",
    );
    const env = { DATABASE_URL: database.url, SEED_DEMO: "true" };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    await Promise.all([waitReady(a.port, a), waitReady(b.port, b)]);
    for (const s of [a, b]) {
      const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/categories`);
      assert.equal(res.status, 200);
    }
    const { rows } = await database.pool.query("SELECT count(*)::int AS n FROM demo_seed");
    assert.equal(rows[0].n, 1, "seeded once");
    const [stopA, stopB] = await Promise.all([stop(a), stop(b)]);
    assert.equal(stopA.code, 0, a.output());
    assert.equal(stopB.code, 0, b.output());
    assert.ok(stopA.ms < 10_000 && stopB.ms < 10_000, "stopped within 10 s");
  } finally {
    await database.drop();
  }
});

test("stop and start again on the same DATA_DIR: data kept, migrations not re-run", {
  timeout: 600_000,
}, async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-restart-"));
  await fs.chmod(dataDir, 0o755);
  const env = { DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "true", LOG_LEVEL: "info" };
  try {
    const first = await startServer(env);
    await waitReady(first.port, first);
    assert.match(first.output(), /applied migration 0001_categories\.sql/);
    assert.equal((await stop(first)).code, 0, first.output());
    // The embedded database was stopped with the app: nothing left listening on its data folder.
    await assert.rejects(fs.access(path.join(dataDir, "postgres", "postmaster.pid")));

    const second = await startServer(env);
    await waitReady(second.port, second);
    assert.doesNotMatch(second.output(), /applied migration/);
    assert.doesNotMatch(second.output(), /demo data seeded/);
    const password = (await fs.readFile(path.join(dataDir, "postgres.password"), "utf8")).trim();
    const pid = await fs.readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8");
    const client = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pid.split("\n")[3]}/liangjiang`,
    });
    await client.connect();
    const seeded = await client.query("SELECT count(*)::int AS n FROM demo_seed");
    await client.end();
    assert.equal(seeded.rows[0].n, 1, "the first start's data is still there");
    assert.equal((await stop(second)).code, 0, second.output());
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
