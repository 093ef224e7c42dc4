import { sql } from "kysely";
import type { IdentityVerification } from "../../../contracts/accounts.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable } from "../../db/database.ts";

type Row = {
  id: string;
  account_id: string;
  kind: "person" | "enterprise";
  status: "pending" | "approved" | "rejected";
  legal_name: string;
  number_masked: string;
  provider_result: "match" | "mismatch" | "invalid";
  submitted_at: Date;
  decided_at: Date | null;
  reason: string | null;
};

export function presentVerification(row: Row): IdentityVerification {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    status: row.status,
    legalName: row.legal_name,
    numberMasked: row.number_masked,
    providerResult: row.provider_result,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.reason,
  };
}

export async function listOwnVerifications(
  db: Queryable,
  accountId: string,
): Promise<IdentityVerification[]> {
  const rows = await db
    .selectFrom("identity_verifications")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("submitted_at", "desc")
    .limit(50)
    .execute();
  return rows.map(presentVerification);
}

/** The operators' queue: oldest first (first come, first served); the cursor holds the id of the page's last row. */
export async function listVerificationQueue(
  db: Queryable,
  query: { status: "pending" | "approved" | "rejected"; limit: number; cursor?: string },
): Promise<{ items: IdentityVerification[]; nextCursor: string | null }> {
  let q = db
    .selectFrom("identity_verifications")
    .selectAll()
    .where("status", "=", query.status)
    .orderBy("submitted_at")
    .orderBy("id")
    .limit(query.limit + 1);
  const after = decodeCursor("verifications", query.cursor, ["uuid"] as const);
  if (after) {
    const [cursor] = after;
    // Compare in SQL with the cursor row itself: timestamps keep their microseconds.
    q = q.where(
      sql<boolean>`(submitted_at, id) > (SELECT v.submitted_at, v.id FROM identity_verifications v WHERE v.id = ${cursor})`,
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentVerification),
    nextCursor: rows.length > query.limit && last ? encodeCursor("verifications", [last.id]) : null,
  };
}
