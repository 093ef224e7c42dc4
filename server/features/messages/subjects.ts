// What a thread can be about, and between whom (API.md "Messages and notifications"): a task or a
// service is asked about by anyone signed in, the thread being between the asker and its owner; an
// order or a bid has two parties, and only they have its thread. Each subject is resolved by plain
// SQL on its own table — no import of the feature that owns it, so messages depend on no way of
// buying. Services, bids and orders arrive with their modes (issues 10–12): until a table exists,
// its subjects resolve to nothing (404), and once its migration has run they resolve without any
// change here.
import { sql } from "kysely";
import type { ThreadSubjectType } from "../../../contracts/messages.ts";
import type { Queryable } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";

/** An owned subject (anyone may ask its owner) or a two-party one (only its parties). */
export type SubjectParties =
  | Readonly<{ kind: "owned"; ownerId: string }>
  | Readonly<{ kind: "between"; partyIds: readonly [string, string] }>;

type Resolver = Readonly<{
  table: string;
  kind: SubjectParties["kind"];
  /** One row: `a` (the owner, or the first party) and `b` (the second party). */
  query: (id: string) => ReturnType<typeof sql<{ a: string; b: string | null }>>;
}>;

const RESOLVERS: Readonly<Record<ThreadSubjectType, Resolver>> = {
  task: {
    table: "tasks",
    kind: "owned",
    query: (id) => sql`SELECT buyer_id AS a, NULL::uuid AS b FROM tasks WHERE id = ${id}`,
  },
  service: {
    table: "services",
    kind: "owned",
    query: (id) => sql`SELECT provider_id AS a, NULL::uuid AS b FROM services WHERE id = ${id}`,
  },
  bid: {
    table: "bids",
    kind: "between",
    query: (id) => sql`
      SELECT t.buyer_id AS a, b.provider_id AS b FROM bids b JOIN tasks t ON t.id = b.task_id WHERE b.id = ${id}`,
  },
  order: {
    table: "orders",
    kind: "between",
    query: (id) => sql`SELECT buyer_id AS a, provider_id AS b FROM orders WHERE id = ${id}`,
  },
};

/** Tables known to exist (a table is never dropped while the app runs; absence is re-checked). */
const existing = new Set<string>();

export async function tableExists(q: Queryable, table: string): Promise<boolean> {
  if (existing.has(table)) return true;
  const { rows } = await sql<{
    ok: boolean;
  }>`SELECT to_regclass(${`public.${table}`}) IS NOT NULL AS ok`.execute(q);
  if (rows[0]?.ok) existing.add(table);
  return Boolean(rows[0]?.ok);
}

/** Who a subject is between, or undefined when it does not exist (or its kind has no table yet). */
export async function partiesOf(
  q: Queryable,
  subject: Readonly<{ type: ThreadSubjectType; id: string }>,
): Promise<SubjectParties | undefined> {
  const resolver = RESOLVERS[subject.type];
  if (!isUuid(subject.id) || !(await tableExists(q, resolver.table))) return undefined;
  const row = (await resolver.query(subject.id).execute(q)).rows[0];
  if (!row) return undefined;
  if (resolver.kind === "owned") return { kind: "owned", ownerId: row.a };
  return row.b ? { kind: "between", partyIds: [row.a, row.b] } : undefined;
}

/**
 * Is there a deal between these two people — an order (either one the buyer), or a contest award
 * paid from one to the other? Until there is, contact details in their messages are masked.
 */
export async function dealExists(q: Queryable, a: string, b: string): Promise<boolean> {
  // Orders arrive with their mode (migration 0610): until the table exists, only awards count.
  const order = (await tableExists(q, "orders"))
    ? sql`OR EXISTS (
        SELECT 1 FROM orders
        WHERE (buyer_id = ${a} AND provider_id = ${b}) OR (buyer_id = ${b} AND provider_id = ${a}))`
    : sql``;
  const { rows } = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM payables
      WHERE kind = 'contest_award' AND status = 'paid'
        AND ((payer_id = ${a} AND provider_id = ${b}) OR (payer_id = ${b} AND provider_id = ${a}))
    ) ${order} AS ok`.execute(q);
  return Boolean(rows[0]?.ok);
}
