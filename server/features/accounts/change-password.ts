// Password change: the current password is required, the new one follows the sign-up rules, and
// every other session of the account is signed out (the one making the change stays). Failed
// log-ins by others never block it: only this session's own wrong guesses are counted.

import { sql } from "kysely";
import type { ChangePasswordBody } from "../../../contracts/accounts.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { hit, peek, rateLimited } from "../../http/rate-limit.ts";
import { AuditActions } from "../audit/record-audit.ts";
import { getAccount } from "./accounts.queries.ts";
import { PasswordChangeLimits } from "./limits.ts";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "./passwords.ts";
import { auditOwnAccount, revokeAllSessions } from "./sessions.ts";

export async function changePassword(
  deps: Pick<Deps, "db">,
  actor: AccountActor,
  input: ChangePasswordBody,
  meta: { ip?: string | null },
): Promise<{ revokedSessions: number }> {
  const account = await getAccount(deps.db, actor.accountId);
  const failureKey = `password:fail:session:${actor.sessionId}`;
  const limit = PasswordChangeLimits.failuresPerSession;
  const state = await peek(deps.db, failureKey, limit);
  if (state.limited) throw rateLimited(state.retryAfterSeconds);
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    // A stolen session must not become a password oracle: its wrong guesses are limited (and
    // the owner can end that session from /me/sessions).
    const limited = await hit(deps.db, failureKey, limit);
    if (limited.limited) throw rateLimited(limited.retryAfterSeconds);
    throw new AppError("invalid_input", "The current password is wrong", {
      issues: [{ path: "body.currentPassword", message: "is wrong" }],
    });
  }
  assertAcceptablePassword(input.newPassword, account.email);
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(deps.db, async (tx) => {
    await tx
      .updateTable("accounts")
      .set({ password_hash: passwordHash, updated_at: sql`now()` })
      .where("id", "=", actor.accountId)
      .execute();
    const revokedSessions = await revokeAllSessions(tx, actor.accountId, actor.sessionId);
    await auditOwnAccount(tx, AuditActions.passwordChanged, actor.accountId, meta.ip, { revokedSessions });
    return { revokedSessions };
  });
}
