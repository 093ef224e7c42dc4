// Who an event's subject concerns, and what a notification about it says and links to: one plain
// SQL read per subject type. Other ways of buying are read through their tables (orders, milestones,
// bids) — never their code — so notifications import no way of buying; an event of a subject type
// only exists once its table does.
import { type RawBuilder, sql } from "kysely";
import type { DomainEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { Role } from "./notification-rules.ts";

export type Audience = Readonly<{
  people: Readonly<Partial<Record<Role, readonly string[]>>>;
  /** What the notification opens: a task, an order, a thread, the wallet. */
  link: Readonly<{ type: string; id: string }>;
  params: Readonly<Record<string, unknown>>;
}>;

type Row = {
  buyer_id: string | null;
  provider_id: string | null;
  title: string | null;
  link_type: string;
  link_id: string;
  amount_minor: number | null;
  name: string | null;
};

const one = (id: string | null | undefined) => (id ? [id] : []);

export async function audienceOf(tx: Tx, event: DomainEvent): Promise<Audience | undefined> {
  const id = event.subjectId;
  const data = event.data;
  switch (event.subjectType) {
    case "top_up":
    case "withdrawal": {
      const table = event.subjectType === "top_up" ? "top_ups" : "withdrawals";
      const r = await tx
        .selectFrom(table)
        .select(["account_id", "amount_minor"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        people: { owner: [r.account_id] },
        link: { type: "wallet", id: r.account_id },
        params: { amountMinor: Number(r.amount_minor) },
      };
    }
    case "verification": {
      const r = await tx
        .selectFrom("identity_verifications")
        .select(["account_id", "reason"])
        .where(sql<boolean>`id::text = ${id}`)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        people: { owner: [r.account_id] },
        link: { type: "verification", id: r.account_id },
        params: { reason: r.reason ?? "" },
      };
    }
    case "message": {
      const recipients = Array.isArray(data.recipientIds) ? (data.recipientIds as string[]) : [];
      const threadId = String(data.threadId ?? "");
      const sender = await sql<{ name: string; preview: string | null }>`
        SELECT a.display_name AS name,
               (SELECT left(m.masked_text, 120) FROM messages m WHERE m.id::text = ${String(data.messageId ?? "")}) AS preview
        FROM accounts a WHERE a.id::text = ${String(data.senderId ?? event.actor)}`.execute(tx);
      const s = sender.rows[0];
      return {
        people: { recipients },
        link: { type: "thread", id: threadId },
        params: { name: s?.name ?? "", preview: s?.preview ?? "" },
      };
    }
    default: {
      const row = await subjectRow(tx, event.subjectType, id);
      if (!row) return undefined;
      return {
        people: { buyer: one(row.buyer_id), provider: one(row.provider_id) },
        link: { type: row.link_type, id: row.link_id },
        params: {
          title: row.title ?? "",
          ...(row.name ? { name: row.name } : {}),
          ...(row.amount_minor !== null ? { amountMinor: Number(row.amount_minor) } : {}),
          ...(typeof data.paidMinor === "number" ? { amountMinor: data.paidMinor } : {}),
          ...(typeof data.reason === "string" ? { reason: data.reason } : {}),
        },
      };
    }
  }
}

/** The buyer and provider of a subject, its title and what to link to. */
async function subjectRow(tx: Tx, subjectType: string, id: string): Promise<Row | undefined> {
  let query: RawBuilder<Row>;
  switch (subjectType) {
    case "contest":
    case "piecework":
    case "tender":
      query = sql<Row>`
        SELECT t.buyer_id, NULL AS provider_id, t.title, 'task' AS link_type, t.id::text AS link_id,
               NULL::bigint AS amount_minor, NULL AS name
        FROM tasks t WHERE t.id::text = ${id}`;
      break;
    case "entry":
    case "piece":
      query = sql<Row>`
        SELECT t.buyer_id, e.provider_id, t.title, 'task' AS link_type, t.id::text AS link_id,
               NULL::bigint AS amount_minor, a.display_name AS name
        FROM entries e JOIN tasks t ON t.id = e.task_id JOIN accounts a ON a.id = e.provider_id
        WHERE e.id::text = ${id}`;
      break;
    case "payable": {
      const p = await tx
        .selectFrom("payables")
        .select(["payer_id", "provider_id", "escrow_kind", "escrow_id", "amount_minor"])
        .where(sql<boolean>`id::text = ${id}`)
        .executeTakeFirst();
      if (!p) return undefined;
      const title =
        p.escrow_kind === "task"
          ? await sql<{ title: string }>`SELECT title FROM tasks WHERE id::text = ${p.escrow_id}`.execute(tx)
          : await sql<{ title: string }>`SELECT title FROM orders WHERE id::text = ${p.escrow_id}`.execute(
              tx,
            );
      return {
        buyer_id: p.payer_id,
        provider_id: p.provider_id,
        title: title.rows[0]?.title ?? null,
        link_type: p.escrow_kind,
        link_id: p.escrow_id,
        amount_minor: Number(p.amount_minor),
        name: null,
      };
    }
    case "order":
      query = sql<Row>`
        SELECT o.buyer_id, o.provider_id, o.title, 'order' AS link_type, o.id::text AS link_id,
               NULL::bigint AS amount_minor, NULL AS name
        FROM orders o WHERE o.id::text = ${id}`;
      break;
    case "milestone":
      query = sql<Row>`
        SELECT o.buyer_id, o.provider_id, o.title || ' · ' || m.title AS title, 'order' AS link_type,
               o.id::text AS link_id, m.amount_minor, NULL AS name
        FROM milestones m JOIN orders o ON o.id = m.order_id WHERE m.id::text = ${id}`;
      break;
    case "service":
      query = sql<Row>`
        SELECT NULL AS buyer_id, s.provider_id, s.title, 'service' AS link_type, s.id::text AS link_id,
               NULL::bigint AS amount_minor, NULL AS name
        FROM services s WHERE s.id::text = ${id}`;
      break;
    case "bid":
      query = sql<Row>`
        SELECT t.buyer_id, b.provider_id, t.title, 'task' AS link_type, t.id::text AS link_id,
               b.amount_minor, a.display_name AS name
        FROM bids b JOIN tasks t ON t.id = b.task_id JOIN accounts a ON a.id = b.provider_id
        WHERE b.id::text = ${id}`;
      break;
    default:
      return undefined;
  }
  const result = await query.execute(tx);
  return result.rows[0];
}
