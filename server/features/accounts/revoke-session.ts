// Sign out one device: the owner ends one of their own sessions. Another account's session is
// not found (404), whoever asks.
import { sql } from "kysely";
import type { AccountActor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";

export async function revokeOwnSession(
  tx: Tx,
  actor: AccountActor,
  input: { sessionId: string; ip?: string | null },
): Promise<void> {
  if (!isUuid(input.sessionId)) throw notFound("Session");
  const result = await tx
    .updateTable("sessions")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", input.sessionId)
    .where("account_id", "=", actor.accountId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound("Session");
  await recordAudit(tx, {
    action: AuditActions.loggedOut,
    actorAccountId: actor.accountId,
    subject: { type: "account", id: actor.accountId },
    ip: input.ip,
    details: { sessionId: input.sessionId, remote: input.sessionId !== actor.sessionId },
  });
}
