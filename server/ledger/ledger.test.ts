// The ledger core against real PostgreSQL: examples, then model-based tests (fast-check commands
// against an in-memory model) and concurrent clients, with every invariant checked after each run.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { inTransaction } from "../core/transaction.ts";
import { auditLedger } from "./audit.ts";
import { AccountCodes, type AccountSpec, accounts, TransferCodes, TransferFlags } from "./chart.ts";
import {
  available,
  ensureAccounts,
  findAccount,
  findAccounts,
  LedgerError,
  listAccountTransfers,
  postTransfers,
  sumAccounts,
  type TransferInput,
} from "./ledger.ts";

const database = await createTestDatabase();
after(() => database.drop());
const { db } = database;

let counter = 0;
const uid = (p: string) => `${p}${++counter}_${Math.random().toString(36).slice(2, 8)}`;

async function assertAudit() {
  const checks = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((tx) => auditLedger(tx));
  for (const c of checks) assert.ok(c.ok, `audit ${c.name}: ${JSON.stringify(c.details)}`);
}

const post = (inputs: TransferInput[]) => inTransaction(db, (tx) => postTransfers(tx, inputs));
const ensure = (specs: AccountSpec[]) => inTransaction(db, (tx) => ensureAccounts(tx, specs));

async function fundedWallet(amount: number) {
  const user = uid("u");
  const wallet = accounts.wallet(user);
  const id = uid("topup:");
  const clearing = accounts.paymentClearing("sandbox", id);
  await ensure([wallet, clearing]);
  if (amount > 0) {
    await post([
      { id, debitAccountId: clearing.id, creditAccountId: wallet.id, amount, code: TransferCodes.topUp },
    ]);
  }
  return wallet.id;
}

async function rejects(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => e instanceof LedgerError && e.code === code);
}

describe("ledger examples", () => {
  test("a transfer moves money and a replay with the same id moves nothing", async () => {
    const wallet = await fundedWallet(10_000);
    const acct = await findAccount(db, wallet);
    assert.equal(acct && available(acct), 10_000);
    const other = await fundedWallet(0);
    const t = { id: uid("t"), debitAccountId: wallet, creditAccountId: other, amount: 2_500, code: 99 };
    assert.equal((await post([t])).status, "created");
    assert.equal((await post([t])).status, "exists");
    const [a, b] = await findAccounts(db, [wallet, other].sort());
    const w = a?.id === wallet ? a : b;
    assert.equal(w && available(w), 7_500);
    await rejects(post([{ ...t, amount: 2_600 }]), "exists_with_different_fields");
    await assertAudit();
  });

  test("a wallet never goes negative: the code refuses, and so does the database", async () => {
    const wallet = await fundedWallet(1_000);
    const other = await fundedWallet(0);
    await rejects(
      post([{ id: uid("t"), debitAccountId: wallet, creditAccountId: other, amount: 1_001, code: 99 }]),
      "exceeds_credits",
    );
    // Bypass the code: the CHECK constraint still refuses.
    await assert.rejects(
      sql`UPDATE ledger_accounts SET debits_posted = credits_posted + 1 WHERE id = ${wallet}`.execute(db),
      /ledger_accounts_debits_must_not_exceed_credits/,
    );
    await assertAudit();
  });

  test("amounts must be positive integers up to 10^12, enforced by the database too", async () => {
    const wallet = await fundedWallet(1_000);
    const other = await fundedWallet(0);
    for (const amount of [0, -1, 1.5, Number.NaN, 1e12 + 1, "5" as unknown as number]) {
      await rejects(
        post([{ id: uid("t"), debitAccountId: wallet, creditAccountId: other, amount, code: 99 }]),
        "invalid_transfer",
      );
    }
    await assert.rejects(
      sql`INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, ledger, code)
          VALUES ('zero', ${wallet}, ${other}, 0, 'CNY', 99)`.execute(db),
      /check constraint/,
    );
    await rejects(
      post([{ id: uid("t"), debitAccountId: wallet, creditAccountId: wallet, amount: 1, code: 99 }]),
      "invalid_transfer",
    );
  });

  test("transfers are immutable: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const wallet = await fundedWallet(500);
    const [line] = await listAccountTransfers(db, wallet, { limit: 1 });
    assert.ok(line);
    await assert.rejects(
      sql`UPDATE ledger_transfers SET amount = 1 WHERE id = ${line.id}`.execute(db),
      /immutable/,
    );
    await assert.rejects(sql`DELETE FROM ledger_transfers WHERE id = ${line.id}`.execute(db), /immutable/);
    await assert.rejects(sql`TRUNCATE ledger_transfers CASCADE`.execute(db), /immutable/);
    await assert.rejects(sql`DELETE FROM ledger_accounts WHERE id = ${wallet}`.execute(db), /never deleted/);
    await assert.rejects(
      sql`UPDATE ledger_accounts SET flags = 0 WHERE id = ${wallet}`.execute(db),
      /immutable/,
    );
  });

  test("linked legs: all or nothing (prize − fee to the winner, fee to the platform)", async () => {
    const buyer = await fundedWallet(20_000);
    const winner = await fundedWallet(0);
    const task = uid("task");
    const escrow = accounts.escrowTask(task, "buyer");
    const feeId = uid("fee:");
    const revenue = accounts.platformRevenue(feeId);
    await ensure([escrow, revenue]);
    await post([
      { id: uid("fund:"), debitAccountId: buyer, creditAccountId: escrow.id, amount: 20_000, code: 20 },
    ]);
    const before = await sumAccounts(db, AccountCodes.platformRevenue, "CNY");
    // Second leg overdraws the escrow: neither leg may happen.
    await rejects(
      post([
        { id: uid("rel:"), debitAccountId: escrow.id, creditAccountId: winner, amount: 18_000, code: 21 },
        { id: feeId, debitAccountId: escrow.id, creditAccountId: revenue.id, amount: 2_001, code: 22 },
      ]),
      "exceeds_credits",
    );
    assert.equal((await findAccount(db, winner))?.creditsPosted, 0);
    await post([
      { id: uid("rel:"), debitAccountId: escrow.id, creditAccountId: winner, amount: 18_000, code: 21 },
      { id: feeId, debitAccountId: escrow.id, creditAccountId: revenue.id, amount: 2_000, code: 22 },
    ]);
    assert.equal((await findAccount(db, winner))?.creditsPosted, 18_000);
    assert.equal(await sumAccounts(db, AccountCodes.platformRevenue, "CNY"), before + 2_000);
    const e = await findAccount(db, escrow.id);
    assert.equal(e && available(e), 0);
    await assertAudit();
  });

  test("two-phase: a hold counts against available; post once, void once, never both", async () => {
    const wallet = await fundedWallet(10_000);
    const payout = accounts.payoutClearing("sandbox", "x");
    await ensure([payout]);
    const hold = uid("hold:");
    await post([
      { id: hold, debitAccountId: wallet, creditAccountId: payout.id, amount: 6_000, code: 30, flags: 1 },
    ]);
    let w = await findAccount(db, wallet);
    assert.equal(w && available(w), 4_000);
    assert.equal(w?.debitsPending, 6_000);
    await rejects(
      post([
        {
          id: uid("h"),
          debitAccountId: wallet,
          creditAccountId: payout.id,
          amount: 4_001,
          code: 30,
          flags: 1,
        },
      ]),
      "exceeds_credits",
    );
    await post([{ id: `${hold}:post`, pendingId: hold, flags: TransferFlags.postPending, amount: 5_000 }]);
    await rejects(
      post([{ id: `${hold}:void`, pendingId: hold, flags: TransferFlags.voidPending }]),
      "pending_already_resolved",
    );
    assert.equal(
      (await post([{ id: `${hold}:post`, pendingId: hold, flags: 2, amount: 5_000 }])).status,
      "exists",
    );
    w = await findAccount(db, wallet);
    // Posted 5,000 of the 6,000 hold: the rest returns to available.
    assert.equal(w && available(w), 5_000);
    assert.equal(w?.debitsPending, 0);
    await rejects(post([{ id: uid("p"), pendingId: `${hold}:post`, flags: 2 }]), "pending_not_pending");
    await assertAudit();
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: random sequences of top-ups, transfers, holds, posts, voids, linked releases and
// replays; after every command the touched accounts must equal the model.

type Bal = { dp: number; dpo: number; cp: number; cpo: number; flagged: boolean };
type Posted = { input: TransferInput[] };
type Model = {
  accounts: Map<string, Bal>;
  wallets: string[];
  escrow: string;
  revenue: string;
  clearing: string;
  payout: string;
  holds: { id: string; debit: string; credit: string; amount: number; resolved: boolean }[];
  posted: Posted[];
};
type Real = { prefix: string };

const avail = (b: Bal) => b.cpo - b.dpo - b.dp;
const bal = (m: Model, id: string) => m.accounts.get(id) as Bal;

async function expectAccounts(m: Model, ids: string[]) {
  const real = await findAccounts(db, [...new Set(ids)].sort());
  for (const r of real) {
    const b = bal(m, r.id);
    assert.deepEqual(
      [r.debitsPending, r.debitsPosted, r.creditsPending, r.creditsPosted],
      [b.dp, b.dpo, b.cp, b.cpo],
      `account ${r.id}`,
    );
    if (b.flagged) assert.ok(avail(b) >= 0);
  }
}

/** Apply plain/pending legs to the model if all fit; returns whether they did. */
function applyLegs(m: Model, legs: { debit: string; credit: string; amount: number; pending: boolean }[]) {
  const copy = new Map([...m.accounts].map(([k, v]) => [k, { ...v }]));
  for (const l of legs) {
    const d = copy.get(l.debit) as Bal;
    const c = copy.get(l.credit) as Bal;
    if (l.pending) {
      d.dp += l.amount;
      c.cp += l.amount;
    } else {
      d.dpo += l.amount;
      c.cpo += l.amount;
    }
    if (d.flagged && avail(d) < 0) return false;
  }
  m.accounts = copy;
  return true;
}

class TopUp implements fc.AsyncCommand<Model, Real> {
  readonly w: number;
  readonly amount: number;
  constructor(w: number, amount: number) {
    this.w = w;
    this.amount = amount;
  }
  check = () => true;
  async run(m: Model, r: Real) {
    const wallet = m.wallets[this.w % m.wallets.length] as string;
    const input: TransferInput = {
      id: `${r.prefix}:top:${++counter}`,
      debitAccountId: m.clearing,
      creditAccountId: wallet,
      amount: this.amount,
      code: TransferCodes.topUp,
    };
    assert.equal((await post([input])).status, "created");
    applyLegs(m, [{ debit: m.clearing, credit: wallet, amount: this.amount, pending: false }]);
    m.posted.push({ input: [input] });
    await expectAccounts(m, [wallet, m.clearing]);
  }
  toString = () => `TopUp(${this.w}, ${this.amount})`;
}

class Move implements fc.AsyncCommand<Model, Real> {
  readonly from: number;
  readonly to: number;
  readonly amount: number;
  readonly pending: boolean;
  constructor(from: number, to: number, amount: number, pending: boolean) {
    this.from = from;
    this.to = to;
    this.amount = amount;
    this.pending = pending;
  }
  check = () => true;
  async run(m: Model, r: Real) {
    const from = m.wallets[this.from % m.wallets.length] as string;
    const to = this.pending ? m.payout : (m.wallets[this.to % m.wallets.length] as string);
    if (from === to) return;
    const input: TransferInput = {
      id: `${r.prefix}:mv:${++counter}`,
      debitAccountId: from,
      creditAccountId: to,
      amount: this.amount,
      code: this.pending ? TransferCodes.withdrawal : 99,
      flags: this.pending ? TransferFlags.pending : 0,
    };
    const fits = avail(bal(m, from)) >= this.amount;
    if (fits) {
      await post([input]);
      applyLegs(m, [{ debit: from, credit: to, amount: this.amount, pending: this.pending }]);
      m.posted.push({ input: [input] });
      if (this.pending)
        m.holds.push({ id: input.id, debit: from, credit: to, amount: this.amount, resolved: false });
    } else {
      await rejects(post([input]), "exceeds_credits");
    }
    await expectAccounts(m, [from, to]);
  }
  toString = () => `Move(${this.from}→${this.pending ? "payout(pending)" : this.to}, ${this.amount})`;
}

class Resolve implements fc.AsyncCommand<Model, Real> {
  readonly h: number;
  readonly how: "post" | "void";
  readonly part: number;
  constructor(h: number, how: "post" | "void", part: number) {
    this.h = h;
    this.how = how;
    this.part = part;
  }
  check = (m: Readonly<Model>) => m.holds.length > 0;
  async run(m: Model) {
    const hold = m.holds[this.h % m.holds.length] as Model["holds"][number];
    const amount = this.how === "post" ? Math.max(1, Math.floor(hold.amount * this.part)) : undefined;
    const input: TransferInput = {
      id: `${hold.id}:${this.how}:${++counter}`,
      pendingId: hold.id,
      flags: this.how === "post" ? TransferFlags.postPending : TransferFlags.voidPending,
      amount,
    };
    if (hold.resolved) {
      await rejects(post([input]), "pending_already_resolved");
    } else {
      await post([input]);
      hold.resolved = true;
      const d = bal(m, hold.debit);
      const c = bal(m, hold.credit);
      d.dp -= hold.amount;
      c.cp -= hold.amount;
      if (amount !== undefined) {
        d.dpo += amount;
        c.cpo += amount;
      }
    }
    await expectAccounts(m, [hold.debit, hold.credit]);
  }
  toString = () => `Resolve(${this.h}, ${this.how}, ${this.part.toFixed(2)})`;
}

class Release implements fc.AsyncCommand<Model, Real> {
  readonly payer: number;
  readonly winner: number;
  readonly amount: number;
  readonly feeBps: number;
  constructor(payer: number, winner: number, amount: number, feeBps: number) {
    this.payer = payer;
    this.winner = winner;
    this.amount = amount;
    this.feeBps = feeBps;
  }
  check = () => true;
  async run(m: Model, r: Real) {
    const payer = m.wallets[this.payer % m.wallets.length] as string;
    const winner = m.wallets[this.winner % m.wallets.length] as string;
    const fee = Math.floor((this.amount * this.feeBps) / 10_000);
    const n = ++counter;
    const fund: TransferInput = {
      id: `${r.prefix}:fund:${n}`,
      debitAccountId: payer,
      creditAccountId: m.escrow,
      amount: this.amount,
      code: TransferCodes.escrowFund,
    };
    const legs: TransferInput[] = [
      fund,
      {
        id: `${r.prefix}:rel:${n}`,
        debitAccountId: m.escrow,
        creditAccountId: winner,
        amount: this.amount - fee,
        code: TransferCodes.escrowRelease,
      },
    ];
    if (fee > 0) {
      legs.push({
        id: `${r.prefix}:fee:${n}`,
        debitAccountId: m.escrow,
        creditAccountId: m.revenue,
        amount: fee,
        code: TransferCodes.platformFee,
      });
    }
    const modelLegs = legs.map((l) => ({
      debit: l.debitAccountId as string,
      credit: l.creditAccountId as string,
      amount: l.amount as number,
      pending: false,
    }));
    if (applyLegs(m, modelLegs)) {
      await post(legs);
      m.posted.push({ input: legs });
    } else {
      await rejects(post(legs), "exceeds_credits");
    }
    await expectAccounts(m, [payer, winner, m.escrow, m.revenue]);
  }
  toString = () => `Release(${this.payer}→${this.winner}, ${this.amount}, fee ${this.feeBps}bps)`;
}

class Replay implements fc.AsyncCommand<Model, Real> {
  readonly i: number;
  constructor(i: number) {
    this.i = i;
  }
  check = (m: Readonly<Model>) => m.posted.length > 0;
  async run(m: Model) {
    const p = m.posted[this.i % m.posted.length] as Posted;
    assert.equal((await post(p.input)).status, "exists");
    await expectAccounts(m, [...m.accounts.keys()]);
  }
  toString = () => `Replay(${this.i})`;
}

const amountArb = fc.integer({ min: 1, max: 50_000 });
const commandArbs = [
  fc.tuple(fc.nat(), amountArb).map(([w, a]) => new TopUp(w, a)),
  fc.tuple(fc.nat(), fc.nat(), amountArb, fc.boolean()).map(([f, t, a, p]) => new Move(f, t, a, p)),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom<"post" | "void">("post", "void"),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([h, how, part]) => new Resolve(h, how, part)),
  fc
    .tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 0, max: 3_000 }))
    .map(([p, w, a, f]) => new Release(p, w, a, f)),
  fc.nat().map((i) => new Replay(i)),
];

async function freshModel(): Promise<{ model: Model; real: Real }> {
  const prefix = uid("run");
  const wallets = [0, 1, 2, 3].map((i) => accounts.wallet(`${prefix}-user${i}`));
  const escrow = accounts.escrowTask(`${prefix}-task`, `${prefix}-user0`);
  const revenue = accounts.platformRevenue(`${prefix}-fees`);
  const clearing = accounts.paymentClearing("sandbox", prefix);
  const payout = accounts.payoutClearing("sandbox", prefix);
  await ensure([...wallets, escrow, revenue, clearing, payout]);
  // Revenue and clearing sub-accounts are shared between runs: start the model from their state.
  const model: Model = {
    accounts: new Map(),
    wallets: wallets.map((w) => w.id),
    escrow: escrow.id,
    revenue: revenue.id,
    clearing: clearing.id,
    payout: payout.id,
    holds: [],
    posted: [],
  };
  for (const a of await findAccounts(
    db,
    [...wallets, escrow, revenue, clearing, payout].map((s) => s.id),
  )) {
    model.accounts.set(a.id, {
      dp: a.debitsPending,
      dpo: a.debitsPosted,
      cp: a.creditsPending,
      cpo: a.creditsPosted,
      flagged: a.flags === 1,
    });
  }
  return { model, real: { prefix } };
}

describe("ledger model", () => {
  test("random command sequences agree with the model; invariants hold after every run", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 40 }), async (cmds) => {
        const setup = await freshModel();
        await fc.asyncModelRun(() => setup, cmds);
        await assertAudit();
      }),
      { numRuns: 40 },
    );
  });

  test("concurrent clients: no overdraft, Σ = 0, balances = Σ of the transfers that succeeded", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            from: fc.nat({ max: 3 }),
            to: fc.nat({ max: 3 }),
            amount: fc.integer({ min: 1, max: 4_000 }),
            kind: fc.constantFrom("move", "hold", "release", "replay"),
          }),
          { minLength: 10, maxLength: 60 },
        ),
        fc.integer({ min: 2, max: 12 }),
        async (ops, clients) => {
          const { model, real } = await freshModel();
          for (const w of model.wallets) {
            await post([
              {
                id: `${real.prefix}:seed:${w}`,
                debitAccountId: model.clearing,
                creditAccountId: w,
                amount: 5_000,
                code: TransferCodes.topUp,
              },
            ]);
          }
          const succeeded: TransferInput[][] = [];
          const queue = ops.map((op, i) => ({ ...op, i }));
          const worker = async () => {
            for (let op = queue.shift(); op; op = queue.shift()) {
              const from = model.wallets[op.from] as string;
              const to = model.wallets[op.to] as string;
              let legs: TransferInput[];
              if (op.kind === "hold") {
                legs = [
                  {
                    id: `${real.prefix}:h:${op.i}`,
                    debitAccountId: from,
                    creditAccountId: model.payout,
                    amount: op.amount,
                    code: 30,
                    flags: 1,
                  },
                ];
              } else if (op.kind === "release") {
                const fee = Math.floor(op.amount / 10);
                legs = [
                  {
                    id: `${real.prefix}:f:${op.i}`,
                    debitAccountId: from,
                    creditAccountId: model.escrow,
                    amount: op.amount,
                    code: 20,
                  },
                  {
                    id: `${real.prefix}:r:${op.i}`,
                    debitAccountId: model.escrow,
                    creditAccountId: to,
                    amount: op.amount - fee,
                    code: 21,
                  },
                ];
                if (fee > 0) {
                  legs.push({
                    id: `${real.prefix}:x:${op.i}`,
                    debitAccountId: model.escrow,
                    creditAccountId: model.revenue,
                    amount: fee,
                    code: 22,
                  });
                }
              } else {
                if (from === to) continue;
                legs = [
                  {
                    id: `${real.prefix}:m:${op.i}`,
                    debitAccountId: from,
                    creditAccountId: to,
                    amount: op.amount,
                    code: 99,
                  },
                ];
              }
              // A "replay" op posts the same ids twice at once: exactly one may create.
              const attempts = op.kind === "replay" ? [post(legs), post(legs)] : [post(legs)];
              const results = await Promise.allSettled(attempts);
              let created = 0;
              for (const res of results) {
                if (res.status === "fulfilled") {
                  if (res.value.status === "created") created++;
                } else {
                  assert.ok(
                    res.reason instanceof LedgerError && res.reason.code === "exceeds_credits",
                    String(res.reason),
                  );
                }
              }
              assert.ok(created <= 1);
              if (created === 1) succeeded.push(legs);
            }
          };
          await Promise.all(Array.from({ length: clients }, worker));
          // Σ of the successful legs, per account, must equal the stored balances.
          const expected = new Map<string, { dp: number; dpo: number; cp: number; cpo: number }>();
          for (const id of model.wallets.concat(model.escrow)) {
            const b = bal(model, id);
            expected.set(id, { dp: b.dp, dpo: b.dpo, cp: b.cp, cpo: b.cpo });
          }
          for (const w of model.wallets) (expected.get(w) as { cpo: number }).cpo += 5_000;
          for (const legs of succeeded) {
            for (const l of legs) {
              const d = expected.get(l.debitAccountId as string);
              const c = expected.get(l.creditAccountId as string);
              const amount = l.amount as number;
              if (l.flags === 1) {
                if (d) d.dp += amount;
                if (c) c.cp += amount;
              } else {
                if (d) d.dpo += amount;
                if (c) c.cpo += amount;
              }
            }
          }
          for (const a of await findAccounts(db, [...expected.keys()])) {
            const e = expected.get(a.id);
            assert.deepEqual(
              [a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted],
              [e?.dp, e?.dpo, e?.cp, e?.cpo],
              a.id,
            );
            assert.ok(available(a) >= 0, `${a.id} negative`);
          }
          await assertAudit();
        },
      ),
      { numRuns: 25 },
    );
  });
});
