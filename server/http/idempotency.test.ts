// Idempotency-Key semantics through a small Fastify app whose route moves money on the real ledger.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { type Actor, anonymous } from "../core/actor.ts";
import { AppError } from "../core/errors.ts";
import { accounts, TransferCodes } from "../ledger/chart.ts";
import { ensureAccounts, findAccount, LedgerError, postTransfers } from "../ledger/ledger.ts";
import { requireAccount } from "./actor.ts";
import { installErrorHandling } from "./errors.ts";
import { idempotent } from "./idempotency.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let gate: Promise<void> | undefined;
let runs = 0;

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  installErrorHandling(app);
  app.decorateRequest("actor", undefined as never);
  app.addHook("onRequest", async (request) => {
    request.actor = anonymous;
  });
  app.addHook("onRequest", async (request) => {
    const who = request.headers["x-test-account"];
    if (typeof who === "string") {
      request.actor = { kind: "account", accountId: who, roles: [], sessionId: "s" } satisfies Actor;
    }
  });
  // "Pay amountMinor from my wallet to the sink": a money-moving POST.
  app.post("/pay", async (request, reply) => {
    const actor = requireAccount(request);
    const body = request.body as { amountMinor: number; note?: string };
    return idempotent(db, request, reply, actor.accountId, async (tx) => {
      runs++;
      if (gate) await gate;
      const wallet = accounts.wallet(actor.accountId);
      const sink = accounts.wallet("sink");
      const id = `pay:${crypto.randomUUID()}`;
      await ensureAccounts(tx, [wallet, sink]);
      try {
        await postTransfers(tx, [
          { id, debitAccountId: wallet.id, creditAccountId: sink.id, amount: body.amountMinor, code: 99 },
        ]);
      } catch (error) {
        if (error instanceof LedgerError && error.code === "exceeds_credits") {
          throw new AppError("insufficient_funds", "Not enough money");
        }
        throw error;
      }
      return { status: 201, body: { paymentId: id, amountMinor: body.amountMinor } };
    });
  });
  await app.ready();
  // Fund alice and bob with ¥100 each.
  await db.transaction().execute(async (tx) => {
    for (const who of ["alice", "bob"]) {
      const w = accounts.wallet(who);
      const c = accounts.paymentClearing("sandbox", who);
      await ensureAccounts(tx, [w, c]);
      await postTransfers(tx, [
        {
          id: `seed:${who}`,
          debitAccountId: c.id,
          creditAccountId: w.id,
          amount: 10_000,
          code: TransferCodes.topUp,
        },
      ]);
    }
  });
});
after(async () => {
  await app.close();
  await database.drop();
});

const pay = (who: string, key: string | undefined, body: object) =>
  app.inject({
    method: "POST",
    url: "/pay",
    headers: { "x-test-account": who, ...(key ? { "idempotency-key": key } : {}) },
    payload: body,
  });
const balance = async (who: string) => {
  const a = await findAccount(database.db, `wallet:${who}`);
  return a ? a.creditsPosted - a.debitsPosted - a.debitsPending : 0;
};

test("same key + same body replays the first response and moves nothing again", async () => {
  const before = await balance("alice");
  const first = await pay("alice", "k-1", { amountMinor: 1_000, note: "x" });
  assert.equal(first.statusCode, 201);
  // Same body with keys in another order is the same request.
  const second = await pay("alice", "k-1", { note: "x", amountMinor: 1_000 });
  assert.equal(second.statusCode, 201);
  assert.deepEqual(second.json(), first.json());
  assert.equal(second.headers["idempotent-replayed"], "true");
  assert.equal(await balance("alice"), before - 1_000);
});

test("same key + different body → 422 idempotency_mismatch, nothing moves", async () => {
  await pay("alice", "k-2", { amountMinor: 500 });
  const before = await balance("alice");
  const res = await pay("alice", "k-2", { amountMinor: 600 });
  assert.equal(res.statusCode, 422);
  assert.equal(res.json().error.code, "idempotency_mismatch");
  assert.equal(await balance("alice"), before);
});

test("a trailing slash or a query string is the same request: replayed, not 422", async () => {
  const before = await balance("alice");
  const first = await pay("alice", "k-slash", { amountMinor: 300 });
  assert.equal(first.statusCode, 201);
  for (const url of ["/pay/", "/pay?x=1", "/pay/?utm=a"]) {
    const again = await app.inject({
      method: "POST",
      url,
      headers: { "x-test-account": "alice", "idempotency-key": "k-slash" },
      payload: { amountMinor: 300 },
    });
    assert.equal(again.statusCode, 201, `${url}: ${again.body}`);
    assert.equal(again.headers["idempotent-replayed"], "true", url);
    assert.deepEqual(again.json(), first.json());
  }
  assert.equal(await balance("alice"), before - 300);
});

test("keys are scoped to the account", async () => {
  const a = await pay("alice", "shared-key", { amountMinor: 100 });
  const b = await pay("bob", "shared-key", { amountMinor: 200 });
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.notEqual(a.json().paymentId, b.json().paymentId);
});

test("while the first request is in flight the same key → 409; afterwards it replays", async () => {
  let open: () => void = () => {};
  gate = new Promise((r) => {
    open = r;
  });
  const runsBefore = runs;
  const first = pay("alice", "k-3", { amountMinor: 300 });
  // Wait until the first request's handler runs: it holds the key's lock from then on (claimed
  // before the handler). Not "any advisory lock in pg_locks": that view is the whole server's, and
  // another test file's job queue holds such locks, so the second request could take the key first
  // and wait at the gate forever (seen once in CI: a 300 s timeout).
  while (runs === runsBefore) await new Promise((r) => setTimeout(r, 10));
  const during = await pay("alice", "k-3", { amountMinor: 300 });
  assert.equal(during.statusCode, 409);
  assert.equal(during.json().error.code, "conflict");
  open();
  gate = undefined;
  const done = await first;
  assert.equal(done.statusCode, 201);
  const afterwards = await pay("alice", "k-3", { amountMinor: 300 });
  assert.deepEqual(afterwards.json(), done.json());
});

test("a refusal (402) is stored and replayed; its effects were rolled back", async () => {
  const before = await balance("bob");
  const first = await pay("bob", "k-4", { amountMinor: 1_000_000 });
  assert.equal(first.statusCode, 402);
  assert.equal(first.json().error.code, "insufficient_funds");
  const again = await pay("bob", "k-4", { amountMinor: 1_000_000 });
  assert.equal(again.statusCode, 402);
  assert.deepEqual(again.json(), first.json());
  assert.equal(await balance("bob"), before);
});

test("20 concurrent requests with one key move money once", async () => {
  const before = await balance("bob");
  const results = await Promise.all(
    Array.from({ length: 20 }, () => pay("bob", "k-5", { amountMinor: 250 })),
  );
  const created = results.filter((r) => r.statusCode === 201);
  assert.ok(created.length >= 1);
  for (const r of results) assert.ok([201, 409].includes(r.statusCode), String(r.statusCode));
  assert.equal(new Set(created.map((r) => r.json().paymentId)).size, 1);
  assert.equal(await balance("bob"), before - 250);
});

test("a malformed key → 400; no key → runs every time", async () => {
  const long = await pay("alice", "x".repeat(256), { amountMinor: 1 });
  assert.equal(long.statusCode, 400);
  const before = await balance("alice");
  await pay("alice", undefined, { amountMinor: 1 });
  await pay("alice", undefined, { amountMinor: 1 });
  assert.equal(await balance("alice"), before - 2);
});
