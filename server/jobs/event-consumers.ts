// Consumers of domain events (core/events.ts): the audit log now; notifications, realtime, search
// and reputation next. Each consumer is a name, the event types it wants and a handler; the
// dispatcher hands it every such event exactly once, in id order (so in order per subject: two
// transitions of one subject are serialised by its row lock, the later one takes the larger id).
//
// Exactly once: the handler runs in a transaction that also records the event as delivered to this
// consumer (event_deliveries), so its database effects and the delivery commit or roll back
// together; the consumer's row is locked (SKIP LOCKED) so two processes never run it at once.
//
// Never skipping a late commit: ids are taken in insert order, not commit order, so a transaction
// that took id 10 may commit after the one that took id 11. An offset "after 11" would skip 10.
// The consumer instead keeps a horizon — a transaction id (xid8) below which every event is final
// (its transaction ended: pg_snapshot_xmin) and delivered — and reads every visible event at or
// above it that it has no delivery for. Deliveries below the horizon are pruned as it moves.
//
// Woken by the NOTIFY sent at commit, with a short poll besides; a failing handler is retried
// forever with capped backoff (1 s doubling to RETRY_DELAY_MAX_S), the failure logged and counted
// in event_consumers (visible to operators) — later events wait, so the order holds.
import { sql } from "kysely";
import pg from "pg";
import { type DomainEvent, EVENTS_CHANNEL, presentEvent } from "../core/events.ts";
import { inTransaction } from "../core/transaction.ts";
import type { Database, Tx } from "../db/database.ts";
import { RETRY_DELAY_MAX_S } from "./jobs.ts";

export type EventConsumer = Readonly<{
  /** Stable name: its progress is stored under it. */
  name: string;
  /** Event types it handles (others are never read for it). */
  types: readonly string[];
  /** Runs in the transaction that marks the event delivered; throw to retry later. */
  handle(tx: Tx, event: DomainEvent): Promise<void>;
}>;

const BATCH_SIZE = 100;
const POLL_MS = 500;

/**
 * Deliver every event available now to `consumer`; returns how many were handled. Throws the
 * handler's error (nothing of the failing batch is kept). Tests call it to run a consumer at once.
 */
export async function drainConsumer(
  db: Database,
  consumer: EventConsumer,
  options: { batchSize?: number } = {},
): Promise<number> {
  await db
    .insertInto("event_consumers")
    .values({ name: consumer.name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  let total = 0;
  for (;;) {
    const n = await inTransaction(db, (tx) => deliverBatch(tx, consumer, options.batchSize ?? BATCH_SIZE));
    if (n === 0) return total;
    total += n;
  }
}

async function deliverBatch(tx: Tx, consumer: EventConsumer, size: number): Promise<number> {
  const me = await tx
    .selectFrom("event_consumers")
    .select(["horizon"])
    .where("name", "=", consumer.name)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!me) return 0; // another process is delivering to this consumer right now
  const pending = sql<boolean>`e.txid >= ${me.horizon}::xid8 AND e.type = ANY(${consumer.types}::text[])
    AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.consumer = ${consumer.name} AND d.event_id = e.id)`;
  const rows = await tx
    .selectFrom("domain_events as e")
    .selectAll("e")
    .where(pending)
    .orderBy("e.id")
    .limit(size)
    .execute();
  for (const row of rows) {
    await consumer.handle(tx, presentEvent(row));
    await tx
      .insertInto("event_deliveries")
      .values({ consumer: consumer.name, event_id: row.id, txid: row.txid })
      .execute();
  }
  // The new horizon: no higher than the oldest transaction still running (its events may yet
  // appear) nor than the oldest event still waiting for this consumer.
  const { rows: h } = await sql<{ horizon: string }>`
    SELECT least(pg_snapshot_xmin(pg_current_snapshot()),
                 (SELECT min(e.txid) FROM domain_events e WHERE ${pending}))::text AS horizon`.execute(tx);
  const horizon = h[0]?.horizon ?? me.horizon;
  await tx
    .deleteFrom("event_deliveries")
    .where("consumer", "=", consumer.name)
    .where(sql<boolean>`txid < ${horizon}::xid8`)
    .execute();
  await tx
    .updateTable("event_consumers")
    .set((eb) => ({
      horizon,
      handled: eb("handled", "+", rows.length),
      ...(rows.length > 0 ? { last_event_id: rows.at(-1)?.id ?? null } : {}),
      last_error: null,
      failures: 0,
      updated_at: sql`now()`,
    }))
    .where("name", "=", consumer.name)
    .execute();
  return rows.length;
}

export type EventDispatcher = Readonly<{
  /** Run every consumer now (also what a NOTIFY or the poll does). */
  wake(): void;
  stop(): Promise<void>;
}>;

/**
 * Start one delivery loop per consumer, woken by NOTIFY on `connectionString` (when given) and by
 * a POLL_MS poll. Failures are logged, recorded on the consumer's row and retried with backoff.
 */
export async function startEventConsumers(
  db: Database,
  consumers: readonly EventConsumer[],
  options: { connectionString?: string; log: (m: string, e?: unknown) => void; pollMs?: number },
): Promise<EventDispatcher> {
  let stopped = false;
  const loops = consumers.map((consumer) => {
    let running: Promise<void> | null = null;
    let again = false;
    let failures = 0;
    let retryAt = 0;
    const run = async () => {
      do {
        again = false;
        if (Date.now() < retryAt) return;
        try {
          // After a failure, one event per transaction: the events before a bad one get through.
          await drainConsumer(db, consumer, failures > 0 ? { batchSize: 1 } : {});
          failures = 0;
        } catch (error) {
          failures++;
          retryAt = Date.now() + Math.min(1000 * 2 ** (failures - 1), RETRY_DELAY_MAX_S * 1000);
          options.log(`event consumer ${consumer.name} failed (attempt ${failures}); will retry`, error);
          await db
            .updateTable("event_consumers")
            .set((eb) => ({
              failures: eb("failures", "+", 1),
              last_error: String((error as Error)?.message ?? error).slice(0, 500),
              updated_at: sql`now()`,
            }))
            .where("name", "=", consumer.name)
            .execute()
            .catch(() => {});
        }
      } while (again && !stopped);
    };
    return {
      wake() {
        if (stopped) return;
        if (running) {
          again = true;
          return;
        }
        running = run().finally(() => {
          running = null;
        });
      },
      idle: () => running ?? Promise.resolve(),
    };
  });
  const wake = () => {
    for (const l of loops) l.wake();
  };
  const timer = setInterval(wake, options.pollMs ?? POLL_MS);
  timer.unref();
  let listener: pg.Client | undefined;
  if (options.connectionString) {
    listener = new pg.Client({
      connectionString: options.connectionString,
      application_name: "liangjiang-events",
    });
    listener.on("notification", wake);
    // A lost LISTEN connection only costs latency: the poll still delivers.
    listener.on("error", (error) => options.log("event listener error", error));
    try {
      await listener.connect();
      await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      options.log("event listener unavailable; polling only", error);
      listener = undefined;
    }
  }
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(loops.map((l) => l.idle()));
      await listener?.end().catch(() => {});
    },
  };
}
