// Log-in: the same 401 for an unknown e-mail and a wrong password (and the same work: an unknown
// e-mail still runs one argon2 verification). Every log-in makes a new session with a new token.
import type { LoginBody, Me } from "../../../contracts/accounts.ts";
import type { AppDeps } from "../../app.ts";
import { AppError } from "../../http/errors.ts";
import { hit, rateLimited, unhit } from "../../http/rate-limit.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { findAccountByEmail, identityStates, presentMe } from "./accounts.queries.ts";
import { LoginLimits } from "./limits.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { createSession, type NewSession, type SessionMeta } from "./sessions.ts";

export const WRONG_CREDENTIALS = "Wrong e-mail address or password";

export async function logIn(
  deps: Pick<AppDeps, "db" | "config">,
  input: LoginBody,
  meta: SessionMeta,
): Promise<{ user: Me; session: NewSession }> {
  const email = input.email.toLowerCase();
  // Count the attempt as a failure first (atomic, so parallel guesses cannot slip past the limit),
  // and take it back when the password turns out right.
  const accountKey = `login:fail:account:${email}`;
  const ipKey = `login:fail:ip:${meta.ip ?? "?"}`;
  const now = Date.now();
  const [byAccount, byIp] = await Promise.all([
    hit(deps.db, accountKey, LoginLimits.failuresPerAccount, now),
    hit(deps.db, ipKey, LoginLimits.failuresPerIp, now),
  ]);
  if (byAccount.limited || byIp.limited) {
    throw rateLimited(
      Math.max(
        byAccount.limited ? byAccount.retryAfterSeconds : 0,
        byIp.limited ? byIp.retryAfterSeconds : 0,
      ),
    );
  }

  const account = await findAccountByEmail(deps.db, email);
  const ok = account ? await verifyPassword(account.password_hash, input.password) : false;
  if (!account) await burnPasswordCheck(input.password);
  if (!account || !ok || account.status !== "active") {
    await recordAudit(deps.db, {
      action: AuditActions.loginFailed,
      actorAccountId: null,
      subject: account ? { type: "account", id: account.id } : undefined,
      ip: meta.ip,
      details: { email, reason: !account ? "unknown_email" : !ok ? "wrong_password" : "suspended" },
    });
    throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  }

  await Promise.all([
    unhit(deps.db, accountKey, LoginLimits.failuresPerAccount, now),
    unhit(deps.db, ipKey, LoginLimits.failuresPerIp, now),
  ]);

  return deps.db.transaction().execute(async (tx) => {
    const session = await createSession(tx, account.id, meta, deps.config.sessions.maxAgeMs);
    await recordAudit(tx, {
      action: AuditActions.loggedIn,
      actorAccountId: account.id,
      subject: { type: "account", id: account.id },
      ip: meta.ip,
      details: { sessionId: session.id },
    });
    const identity = (await identityStates(tx, [account.id])).get(account.id);
    return { user: presentMe(account, identity ?? { person: "none", enterprise: "none" }), session };
  });
}
