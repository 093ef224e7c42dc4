// Forgot password, step 2: the token from the e-mailed link sets a new password (checked as at
// sign-up), once, within the hour. The reset signs the account out everywhere (whoever else had a
// session — the reason one resets a password — loses it), uses up every other reset link, clears
// the failed log-in counters of the address (the owner must not meet a CAPTCHA with the new
// password), and signs this browser in: the answer is the log-in's (200 { user, token, csrfToken }
// + the session cookie). A bad, expired or used token is a 400 invalid_input whose
// `details.reason` says which.

import { sql } from "kysely";
import type { Me, PasswordResetConfirmBody, PasswordResetRefusal } from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import { AuditActions } from "../audit/record-audit.ts";
import { findAccountById, identityStates, presentMe } from "./accounts.queries.ts";
import { assertAcceptablePassword, hashPassword } from "./passwords.ts";
import { hashResetToken } from "./request-password-reset.ts";
import {
  auditOwnAccount,
  createSession,
  type NewSession,
  revokeAllSessions,
  type SessionMeta,
} from "./sessions.ts";

const REFUSALS: Record<PasswordResetRefusal, string> = {
  unknown: "This password reset link is not valid; ask for a new one",
  expired: "This password reset link has expired (links work for 1 hour); ask for a new one",
  used: "This password reset link has already been used; ask for a new one",
};

function refused(reason: PasswordResetRefusal) {
  return invalidInput(REFUSALS[reason], {
    reason,
    issues: [{ path: "body.token", message: REFUSALS[reason] }],
  });
}

export async function resetPassword(
  deps: Pick<Deps, "db" | "config" | "clock">,
  input: PasswordResetConfirmBody,
  meta: SessionMeta,
): Promise<{ user: Me; session: NewSession; revokedSessions: number }> {
  const tokenHash = hashResetToken(input.token);
  // Checked before the (slow) password hash, and again under the row lock below.
  const reset = await deps.db
    .selectFrom("password_resets")
    .select(["id", "account_id", "expires_at", "used_at"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  const account = reset ? await findAccountById(deps.db, reset.account_id) : undefined;
  if (!reset || account?.status !== "active") throw refused("unknown");
  if (reset.used_at) throw refused("used");
  if (reset.expires_at.getTime() <= deps.clock.now().getTime()) throw refused("expired");
  assertAcceptablePassword(input.password, account.email);
  const passwordHash = await hashPassword(input.password);

  return inTransaction(deps.db, async (tx) => {
    // Two tabs submitting the same link: the second waits here and then finds it used.
    const locked = await tx
      .selectFrom("password_resets")
      .select(["used_at"])
      .where("id", "=", reset.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.used_at) throw refused("used");
    const now = deps.clock.now();
    await tx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("account_id", "=", account.id)
      .where("used_at", "is", null)
      .execute();
    await tx
      .updateTable("accounts")
      .set({ password_hash: passwordHash, updated_at: sql`now()` })
      .where("id", "=", account.id)
      .execute();
    const revokedSessions = await revokeAllSessions(tx, account.id);
    await clearLoginFailures(tx, account.email);
    const session = await createSession(tx, account.id, meta, deps.config.sessions.maxAgeMs);
    await auditOwnAccount(tx, AuditActions.passwordReset, account.id, meta.ip, {
      resetId: reset.id,
      revokedSessions,
      sessionId: session.id,
    });
    const identity = (await identityStates(tx, [account.id])).get(account.id);
    return {
      user: presentMe(account, identity ?? { person: "none", enterprise: "none" }),
      session,
      revokedSessions,
    };
  });
}

/** The log-in failure counters of an address (log-in.ts): per address, and per IP + address. */
async function clearLoginFailures(tx: Tx, email: string): Promise<void> {
  const lower = email.toLowerCase();
  await tx
    .deleteFrom("rate_limits")
    .where((eb) =>
      eb.or([
        eb("key", "=", `login:fail:account:${lower}`),
        // Keys are login:fail:pair:<ip>|<email>; compared by suffix (an address may hold % or _).
        eb.and([
          eb("key", "like", "login:fail:pair:%"),
          eb(sql<string>`right(key, ${lower.length + 1})`, "=", `|${lower}`),
        ]),
      ]),
    )
    .execute();
}
