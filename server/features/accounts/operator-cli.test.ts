// `npm run cli -- operator grant <email>` and the demo accounts, on a real database.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createTestDatabase } from "../../../test/helpers/db.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { seedDemo } from "../demo/seed.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";

const run = promisify(execFile);
const root = path.join(import.meta.dirname, "..", "..", "..");

let t: TestApp;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  t = await startTestApp();
  database = await createTestDatabase();
});
after(async () => {
  await t.close();
  await database.drop();
});

function cli(...args: string[]) {
  return run(process.execPath, [path.join(root, "server", "cli.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" },
  });
}

test("operator grant <email> gives the role (any letter case), is audit-logged, and is idempotent", async () => {
  const { buildApp } = await import("../../app.ts");
  const app = await buildApp({ ...t, db: database.db });
  try {
    const account = await signUp(app, { email: "Future.Operator@example.com" });
    const admin = await app.inject({ url: "/api/v1/admin/audit", headers: account.headers });
    assert.equal(admin.statusCode, 403);

    const { stdout } = await cli("operator", "grant", "future.operator@EXAMPLE.com");
    assert.match(stdout, /Future\.Operator@example\.com is now an operator/);
    const me = (await app.inject({ url: "/api/v1/me", headers: account.headers })).json();
    assert.deepEqual(me.user.roles, ["operator"], "the existing session sees the role at once");
    const audit = await app.inject({
      url: "/api/v1/admin/audit?action=account.role_granted",
      headers: account.headers,
    });
    assert.equal(audit.statusCode, 200);
    const event = audit
      .json()
      .items.find((e: { subject: { id: string } }) => e.subject.id === account.user.id);
    assert.equal(event.details.by, "cli");

    const again = await cli("operator", "grant", "future.operator@example.com");
    assert.match(again.stdout, /already was an operator; nothing changed/);

    await cli("operator", "revoke", "future.operator@example.com");
    assert.equal(
      (await app.inject({ url: "/api/v1/admin/audit", headers: account.headers })).statusCode,
      403,
    );
  } finally {
    await app.close();
  }
});

test("operator grant on an unknown e-mail or with bad arguments fails with a clear message", async () => {
  await assert.rejects(
    cli("operator", "grant", "nobody@example.com"),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /Account nobody@example\.com not found/);
      return true;
    },
  );
  await assert.rejects(
    cli("operator", "promote", "x@example.com"),
    /usage: npm run cli -- operator grant\|revoke <email>/,
  );
  await assert.rejects(cli("operator", "grant"), /usage/);
});

test("demo accounts: seeded once into an empty database, their log-ins work, the operator is an operator", async () => {
  const first = await seedDemo(t.db);
  assert.equal(first.seeded, true);
  assert.deepEqual(
    first.logins.map((l) => l.role),
    ["buyer", "provider", "operator"],
  );
  const second = await seedDemo(t.db);
  assert.deepEqual(second.logins, []);
  for (const [role, demo] of Object.entries(DEMO_ACCOUNTS)) {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: demo.email, password: demo.password },
    });
    assert.equal(res.statusCode, 200, `${role}: ${res.body}`);
    assert.deepEqual(res.json().user.roles, role === "operator" ? ["operator"] : []);
  }
});
