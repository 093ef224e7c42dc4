// Payables: what is owed to a provider, from the moment it is owed (a contest award) until it is
// paid out of the subject's escrow (payable-status.ts for its life). The ways of buying create and
// move them; payables know no way of buying — a kind (`contest_award`) names what it pays for, and
// the kind's own bookkeeping (the entry, the award row) stays with its feature. Every change is a
// transition (core/events.ts), so each one is a domain event: payable.created, .delivered,
// .accepted, .paid, .lapsed …
// Lock order: the caller holds the subject's row lock (the task) first, as every escrow movement.
import type { AccountActor, SystemActor } from "../../core/actor.ts";
import type { Clock } from "../../core/clock.ts";
import type { Deps } from "../../core/deps.ts";
import { appendEvent, type EventActor, transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { PayablesTable } from "../../db/schema.ts";
import { type EscrowSubject, releaseEscrow } from "../escrow/escrow.ts";
import { payableMachine, payableSubject } from "./payable-status.ts";
import { autoAcceptPayableJob } from "./payables.queues.ts";

export type PayableRow = Awaited<ReturnType<typeof findPayable>> & {};
export type PayableKind = PayablesTable["kind"];

export function findPayable(tx: Pick<Tx, "selectFrom">, kind: PayableKind, sourceId: string) {
  return tx
    .selectFrom("payables")
    .selectAll()
    .where("kind", "=", kind)
    .where("source_id", "=", sourceId)
    .executeTakeFirst();
}

async function lockPayable(tx: Tx, kind: PayableKind, sourceId: string) {
  const row = await tx
    .selectFrom("payables")
    .selectAll()
    .where("kind", "=", kind)
    .where("source_id", "=", sourceId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new Error(`No ${kind} payable for ${sourceId}`);
  return row;
}

const byOf = (by: AccountActor | SystemActor): EventActor => by;
const escrowOf = (p: NonNullable<PayableRow>): EscrowSubject => ({
  kind: p.escrow_kind,
  id: p.escrow_id,
  payerId: p.payer_id,
});

/** Something is owed to a provider, to be delivered by `deliveryDueAt` (or lapse). */
export async function createPayable(
  tx: Tx,
  input: Readonly<{
    kind: PayableKind;
    sourceId: string;
    escrow: EscrowSubject;
    releaseKey: string;
    providerId: string;
    amountMinor: number;
    /** The fee snapshotted on the subject when it was created: what acceptance will keep. */
    feeBps: number;
    deliveryDueAt: Date | null;
  }>,
  by: AccountActor | SystemActor,
  at: Date,
): Promise<string> {
  const row = await tx
    .insertInto("payables")
    .values({
      kind: input.kind,
      source_id: input.sourceId,
      escrow_kind: input.escrow.kind,
      escrow_id: input.escrow.id,
      release_key: input.releaseKey,
      payer_id: input.escrow.payerId,
      provider_id: input.providerId,
      amount_minor: input.amountMinor,
      fee_bps: input.feeBps,
      status: "awaiting_delivery",
      created_at: at,
      delivery_due_at: input.deliveryDueAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendEvent(tx, {
    subject: payableSubject(row.id),
    type: "payable.created",
    data: {
      kind: input.kind,
      sourceId: input.sourceId,
      amountMinor: input.amountMinor,
      feeBps: input.feeBps,
      to: "awaiting_delivery",
    },
    actor: byOf(by),
    at,
  });
  return row.id;
}

/**
 * The provider delivered: the auto-accept timer (TIMER_AUTO_ACCEPT, by the clock) starts — unless
 * `options.autoAcceptAt` is null: the way of buying accepts it itself (a piece: created, delivered and
 * accepted in one transaction; the piece-rate review end is its timer), so no job is enqueued.
 */
export async function deliverPayable(
  tx: Tx,
  kind: PayableKind,
  sourceId: string,
  by: EventActor,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
  options: { autoAcceptAt?: null } = {},
): Promise<void> {
  const p = await lockPayable(tx, kind, sourceId);
  const now = deps.clock.now();
  if (options.autoAcceptAt === null) {
    await transition(tx, {
      subject: payableSubject(p.id),
      machine: payableMachine,
      name: "deliver",
      actor: by,
      at: now,
      patch: { delivered_at: now, auto_accept_at: null },
    });
    return;
  }
  const autoAcceptAt = new Date(now.getTime() + deps.config.timers.autoAcceptMs);
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "deliver",
    actor: by,
    at: now,
    patch: { delivered_at: now, auto_accept_at: autoAcceptAt },
  });
  await deps.jobs.enqueue(
    tx,
    autoAcceptPayableJob,
    { payableId: p.id },
    // One timer per delivery: a new delivery after a revision request gets its own.
    { startAfter: autoAcceptAt, singletonKey: `payable-auto-accept:${p.id}:${now.getTime()}` },
  );
}

/**
 * Accept a delivered payable and pay it: amount − the snapshotted fee to the provider, the fee to
 * platform revenue, out of the escrow, as one posting whose ids name the payable's release key (a
 * replay never pays twice). 409 from any other state — a disputed payable is frozen.
 */
export async function acceptPayable(
  tx: Tx,
  kind: PayableKind,
  sourceId: string,
  by: AccountActor | SystemActor,
  clock: Clock,
): Promise<{ feeMinor: number; paidMinor: number }> {
  const p = await lockPayable(tx, kind, sourceId);
  const now = clock.now();
  const acceptedBy = by.kind === "system" ? `system:${by.reason}` : by.accountId;
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "accept",
    actor: byOf(by),
    at: now,
    patch: { accepted_at: now, accepted_by: acceptedBy },
  });
  const { feeMinor, paidMinor } = await releaseEscrow(tx, escrowOf(p), {
    providerId: p.provider_id,
    amountMinor: Number(p.amount_minor),
    feeBps: p.fee_bps,
    key: p.release_key,
    ref: { type: p.kind === "contest_award" ? "entry" : "payable", id: p.source_id },
  });
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "pay",
    actor: byOf(by),
    at: now,
    patch: { paid_at: now, fee_minor: feeMinor },
    data: { amountMinor: Number(p.amount_minor), feeMinor, paidMinor },
  });
  return { feeMinor, paidMinor };
}

/** The payer asks for another delivery: the auto-accept timer of the last one no longer applies. */
export async function requestPayableRevision(
  tx: Tx,
  kind: PayableKind,
  sourceId: string,
  by: AccountActor,
  at: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  const p = await lockPayable(tx, kind, sourceId);
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "requestRevision",
    actor: by,
    at,
    patch: { auto_accept_at: null },
    data,
  });
}

/**
 * Its subject was cancelled before acceptance (the escrowed money goes back to the payer, by the
 * caller): nothing will be paid on it. An auto-accept job still waiting finds it lapsed and skips.
 */
export async function cancelPayable(
  tx: Tx,
  kind: PayableKind,
  sourceId: string,
  by: AccountActor | SystemActor,
  at: Date,
): Promise<void> {
  const p = await lockPayable(tx, kind, sourceId);
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "cancel",
    actor: byOf(by),
    at,
    patch: { auto_accept_at: null },
    event: "cancelled",
  });
}

/** Not delivered in time: nothing will be paid on it. */
export async function lapsePayable(tx: Tx, kind: PayableKind, sourceId: string, by: SystemActor, at: Date) {
  const p = await lockPayable(tx, kind, sourceId);
  await transition(tx, {
    subject: payableSubject(p.id),
    machine: payableMachine,
    name: "lapse",
    actor: by,
    at,
  });
}

/** May the auto-accept timer accept it now? (delivered, not disputed, and its time has come). */
export function autoAcceptDue(p: NonNullable<PayableRow>, now: Date): boolean {
  return (
    payableMachine.can("accept", p.status) && p.auto_accept_at !== null && new Date(p.auto_accept_at) <= now
  );
}
