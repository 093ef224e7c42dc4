// Run a unit of work in one database transaction, retrying the whole of it when PostgreSQL reports
// a serialization failure or a deadlock, or when a ledger unique index reports that a concurrent
// transaction just posted the same transfer (never a part of it: the callback must be re-runnable).
import type { Database, Tx } from "../db/database.ts";

const RETRYABLE = new Set(["40001", "40P01"]);

/** Unique indexes whose violation means "someone just did this": rerun and see it. */
const RACES = new Set(["ledger_transfers_pkey", "ledger_transfers_pending_once", "ledger_accounts_pkey"]);

export function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; constraint?: string };
  return RETRYABLE.has(e.code ?? "") || (e.code === "23505" && RACES.has(e.constraint ?? ""));
}

export type TransactionOptions = {
  maxAttempts?: number;
  isolation?: "read committed" | "repeatable read" | "serializable";
  /** Extra errors worth a whole retry (e.g. a unique violation that means "someone just did it"). */
  retryIf?: (error: unknown) => boolean;
};

export async function inTransaction<T>(
  db: Database,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      const builder = db.transaction();
      return await (options.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(fn);
    } catch (error) {
      const retry = isRetryable(error) || (options.retryIf?.(error) ?? false);
      if (!retry || attempt >= maxAttempts) throw error;
      // Jittered backoff so the transactions that collided do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
    }
  }
}
