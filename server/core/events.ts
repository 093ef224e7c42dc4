// Domain events: every state change of a subject (a contest, an entry, a payable, a withdrawal, a
// top-up …) goes through `transition`, which in ONE transaction locks the subject's row, asks its
// machine (state-machine.ts) whether the named transition may start from the current status (409
// invalid_transition otherwise), writes the new status (+ the use case's other columns) and appends
// a `domain_events` row, with a NOTIFY that PostgreSQL delivers at commit. Consumers (the audit log
// today; notifications, realtime, search, reputation next) read the events through
// jobs/event-consumers.ts — use cases never call them by hand.
import { sql, type Updateable } from "kysely";
import type { Tx } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import type { AccountActor, SystemActor } from "./actor.ts";
import { notFound } from "./errors.ts";
import type { Machine, TransitionSpec } from "./state-machine.ts";

/** The channel consumers LISTEN on (the payload is empty: they read the table). */
export const EVENTS_CHANNEL = "domain_events";

/** Tables whose rows have a `status` changed only through `transition`. */
export type SubjectTable =
  | "tasks"
  | "entries"
  | "withdrawals"
  | "top_ups"
  | "payables"
  | "bids"
  | "orders"
  | "milestones"
  | "services";

export type Subject<T extends SubjectTable = SubjectTable> = Readonly<{
  /** The word events are named with: contest, entry, withdrawal, top_up, payable. */
  type: string;
  table: T;
  id: string;
}>;

/** Who caused an event: an account, or the system with a reason ("system:contest.auto-accept"). */
export type EventActor = AccountActor | SystemActor | Readonly<{ kind: "account_id"; accountId: string }>;

export function actorName(actor: EventActor): string {
  return actor.kind === "system" ? `system:${actor.reason}` : actor.accountId;
}

export type DomainEvent = Readonly<{
  id: string;
  subjectType: string;
  subjectId: string;
  type: string;
  data: Record<string, unknown>;
  actor: string;
  occurredAt: Date;
}>;

export type TransitionInput<
  T extends SubjectTable,
  S extends string,
  M extends Record<string, TransitionSpec<S>>,
  N extends keyof M & string,
> = Readonly<{
  subject: Subject<T>;
  machine: Machine<S, M>;
  name: N;
  actor: EventActor;
  /** When it happened, from the injected clock (deps.clock.now()). */
  at: Date;
  /** Other columns of the subject's row written with the status. */
  patch?: Omit<Updateable<DB[T]>, "status">;
  /** Added to the event's data (which always holds transition, from and to). */
  data?: Record<string, unknown>;
  /** The event's name after `<subject>.` (default: the target state, e.g. contest.awarded). */
  event?: string;
}>;

/**
 * Move `subject` along `machine` by the transition `name`, in the caller's transaction: lock the
 * row, assert, update, append the event (+ NOTIFY at commit). Returns the states and the event id.
 */
export async function transition<
  T extends SubjectTable,
  S extends string,
  M extends Record<string, TransitionSpec<S>>,
  N extends keyof M & string,
>(tx: Tx, input: TransitionInput<T, S, M, N>): Promise<{ from: string; to: M[N]["to"]; eventId: string }> {
  const { subject, machine, name } = input;
  const locked = await sql<{ status: string }>`
    SELECT status FROM ${sql.table(subject.table)} WHERE id = ${subject.id} FOR UPDATE`.execute(tx);
  const from = locked.rows[0]?.status;
  if (from === undefined) throw notFound(subject.type);
  const to = machine.assert(name, from);
  // The table is only known at run time here; the patch was typed against it by the caller.
  // biome-ignore lint/suspicious/noExplicitAny: dynamic table name, checked by TransitionInput
  await (tx as any)
    .updateTable(subject.table)
    .set({ ...(input.patch ?? {}), status: to })
    .where("id", "=", subject.id)
    .execute();
  const eventId = await appendEvent(tx, {
    subject,
    type: `${subject.type}.${input.event ?? to}`,
    data: { transition: name, from, to, ...(input.data ?? {}) },
    actor: input.actor,
    at: input.at,
  });
  return { from, to, eventId };
}

/** Append an event without a status change of its own (creation of a subject, e.g. payable.created). */
export async function appendEvent(
  tx: Tx,
  event: Readonly<{
    subject: Pick<Subject, "type" | "id">;
    type: string;
    data?: Record<string, unknown>;
    actor: EventActor;
    at: Date;
  }>,
): Promise<string> {
  const row = await tx
    .insertInto("domain_events")
    .values({
      subject_type: event.subject.type,
      subject_id: event.subject.id,
      type: event.type,
      data: JSON.stringify(event.data ?? {}),
      actor: actorName(event.actor),
      occurred_at: event.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // One notification per transaction (PostgreSQL folds identical ones), delivered at commit.
  await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`.execute(tx);
  return String(row.id);
}

/** The events of one subject, oldest first (tests, the operator console). */
export async function eventsOf(
  tx: Pick<Tx, "selectFrom">,
  subject: Pick<Subject, "type" | "id">,
): Promise<DomainEvent[]> {
  const rows = await tx
    .selectFrom("domain_events")
    .selectAll()
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .orderBy("id")
    .execute();
  return rows.map(presentEvent);
}

export function presentEvent(r: {
  id: string | number | bigint;
  subject_type: string;
  subject_id: string;
  type: string;
  data: unknown;
  actor: string;
  occurred_at: Date;
}): DomainEvent {
  return {
    id: String(r.id),
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    type: r.type,
    data: (r.data ?? {}) as Record<string, unknown>,
    actor: r.actor,
    occurredAt: r.occurred_at,
  };
}
