// Demo content for a new installation, so that the first visit shows a living marketplace.
// It runs only on an empty database, once even when several servers start together (the advisory
// lock serialises them; the second finds the data and does nothing). Each feature adds a seeder.

import { sql } from "kysely";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Database, Tx } from "../../db/database.ts";
import { seedDemoAccounts } from "../accounts/demo-accounts.ts";
import { seedDemoContests } from "../contests/demo-contests.ts";
import { seedDemoMessages } from "../messages/demo-messages.ts";
import { seedDemoPiecework } from "../piecework/demo-piecework.ts";
import { seedDemoServices } from "../services/demo-services.ts";
import { seedDemoTenders } from "../tenders/demo-tenders.ts";

export type DemoLogin = { role: string; email: string; password: string };
export type SeedResult = { seeded: boolean; logins: DemoLogin[] };

/**
 * What seeders may need beyond the transaction: settings (timers), the job queue (timers), the
 * clock, the file storage (demo images) and the payment providers (the demo buyer's top-up).
 */
export type SeedContext = Pick<Deps, "config" | "jobs" | "clock" | "files" | "payments">;

/** A seeder adds one feature's demo rows and returns the logins it created (if any). */
type Seeder = (tx: Tx, context?: SeedContext) => Promise<DemoLogin[]>;

// An arbitrary constant naming "the demo seed lock" among advisory locks.
const SEED_LOCK_KEY = 7_284_002;

const seeders: Seeder[] = [
  seedDemoAccounts,
  seedDemoContests,
  seedDemoPiecework,
  seedDemoServices,
  seedDemoTenders,
  // Last: a conversation on one of the demo buyer's open contests.
  seedDemoMessages,
];

/** Without a context (config + job queue), seeders that need one (timers, files) skip their part. */
export async function seedDemo(db: Database, context?: SeedContext): Promise<SeedResult> {
  return inTransaction(db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(tx);
    const alreadySeeded = await tx.selectFrom("demo_seed").select("seeded_at").executeTakeFirst();
    if (alreadySeeded) return { seeded: false, logins: [] };
    const logins: DemoLogin[] = [];
    for (const seed of seeders) logins.push(...(await seed(tx, context)));
    await tx.insertInto("demo_seed").defaultValues().execute();
    return { seeded: true, logins };
  });
}
