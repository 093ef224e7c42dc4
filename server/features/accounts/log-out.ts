// Log-out kills the session that made the request; log-out everywhere kills every session of the
// account (a lost phone, a shared computer).

import type { AccountActor } from "../../core/actor.ts";
import type { Tx } from "../../db/database.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { revokeAllSessions, revokeSession } from "./sessions.ts";

export async function logOut(tx: Tx, actor: AccountActor, input: { ip?: string | null }): Promise<void> {
  await revokeSession(tx, actor.sessionId);
  await recordAudit(tx, {
    action: AuditActions.loggedOut,
    actorAccountId: actor.accountId,
    subject: { type: "account", id: actor.accountId },
    ip: input.ip,
    details: { sessionId: actor.sessionId },
  });
}

export async function logOutEverywhere(
  tx: Tx,
  actor: AccountActor,
  input: { ip?: string | null },
): Promise<{ revoked: number }> {
  const revoked = await revokeAllSessions(tx, actor.accountId);
  await recordAudit(tx, {
    action: AuditActions.loggedOutEverywhere,
    actorAccountId: actor.accountId,
    subject: { type: "account", id: actor.accountId },
    ip: input.ip,
    details: { revoked },
  });
  return { revoked };
}
