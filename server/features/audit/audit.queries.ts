import type { AuditEvent } from "../../../contracts/accounts.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";

/** Newest first; the cursor holds the id of the last event of the previous page. */
export async function listAuditEvents(
  db: Queryable,
  query: { limit: number; cursor?: string; action?: string; accountId?: string },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  let q = db
    .selectFrom("audit_events")
    .selectAll()
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  const after = decodeCursor("audit", query.cursor, ["int"] as const);
  if (after) q = q.where("id", "<", after[0]);
  if (query.action) q = q.where("action", "=", query.action);
  if (query.accountId) {
    const id = query.accountId;
    q = q.where((eb) => {
      const bySubject = eb.and([eb("subject_type", "=", "account"), eb("subject_id", "=", id)]);
      return isUuid(id) ? eb.or([eb("actor_account_id", "=", id), bySubject]) : bySubject;
    });
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorAccountId: r.actor_account_id,
      action: r.action,
      subject: r.subject_type && r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
      ip: r.ip,
      details: (r.details ?? {}) as Record<string, unknown>,
    })),
    nextCursor: rows.length > query.limit ? encodeCursor("audit", [Number(page.at(-1)?.id)]) : null,
  };
}
