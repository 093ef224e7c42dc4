// Log-out kills the session that made the request; log-out everywhere kills every session of the
// account (a lost phone, a shared computer).

import type { AccountActor } from "../../core/actor.ts";
import type { Tx } from "../../db/database.ts";
import { AuditActions } from "../audit/record-audit.ts";
import { auditOwnAccount, revokeAllSessions, revokeSession } from "./sessions.ts";

export async function logOut(tx: Tx, actor: AccountActor, input: { ip?: string | null }): Promise<void> {
  await revokeSession(tx, actor.sessionId);
  await auditOwnAccount(tx, AuditActions.loggedOut, actor.accountId, input.ip, {
    sessionId: actor.sessionId,
  });
}

export async function logOutEverywhere(
  tx: Tx,
  actor: AccountActor,
  input: { ip?: string | null },
): Promise<{ revoked: number }> {
  const revoked = await revokeAllSessions(tx, actor.accountId);
  await auditOwnAccount(tx, AuditActions.loggedOutEverywhere, actor.accountId, input.ip, { revoked });
  return { revoked };
}
