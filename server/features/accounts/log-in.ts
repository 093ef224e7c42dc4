// Log-in: the same 401 for an unknown e-mail and a wrong password (and the same work: an unknown
// e-mail still runs one argon2 verification). Every log-in makes a new session with a new token.
// Failures slow the guesser (per IP + e-mail: a growing delay, then a CAPTCHA, then 429) and never
// lock the owner out (limits.ts, docs/decisions/0003-login-throttling-and-sign-up-privacy.md).

import { setTimeout as sleep } from "node:timers/promises";
import type { LoginBody, Me } from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { hit, rateLimited, unhit } from "../../http/rate-limit.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { findAccountByEmail, identityStates, presentMe } from "./accounts.queries.ts";
import { type CaptchaVerifier, captchaFor } from "./captcha.ts";
import { LoginLimits, loginDelayMs } from "./limits.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { auditOwnAccount, createSession, type NewSession, type SessionMeta } from "./sessions.ts";

export const WRONG_CREDENTIALS = "Wrong e-mail address or password";

export async function logIn(
  deps: Pick<Deps, "db" | "config">,
  input: LoginBody,
  meta: SessionMeta,
  captcha: CaptchaVerifier = captchaFor(deps.config),
): Promise<{ user: Me; session: NewSession }> {
  const email = input.email.toLowerCase();
  const ip = meta.ip ?? "?";
  // Count the attempt as a failure first (atomic, so parallel guesses cannot slip past the limits),
  // and take it back when the password turns out right or it was refused unchecked.
  const counters = [
    { key: `login:fail:pair:${ip}|${email}`, limit: LoginLimits.failuresPerPair },
    { key: `login:fail:account:${email}`, limit: LoginLimits.failuresPerAccount },
    { key: `login:fail:ip:${ip}`, limit: LoginLimits.failuresPerIp },
  ] as const;
  const now = Date.now();
  const [pair, anyIp, byIp] = await Promise.all(counters.map((c) => hit(deps.db, c.key, c.limit, now)));
  const takeBack = () => Promise.all(counters.map((c) => unhit(deps.db, c.key, c.limit, now)));
  if (!pair || !anyIp || !byIp) throw new Error("unreachable");

  // Hard limits only for this IP (guessing one account, or spraying many): the owner elsewhere
  // is never refused.
  if (pair.limited || byIp.limited) {
    await takeBack();
    throw rateLimited(
      Math.max(pair.limited ? pair.retryAfterSeconds : 0, byIp.limited ? byIp.retryAfterSeconds : 0),
    );
  }
  const pairNeedsCaptcha = pair.hits - 1 >= LoginLimits.captchaAfterPairFailures;
  const accountNeedsCaptcha = anyIp.hits - 1 >= LoginLimits.failuresPerAccount.max;
  if (pairNeedsCaptcha || accountNeedsCaptcha) {
    const token = input.captchaToken;
    if (!token || !(await captcha.verify(token, meta.ip ?? null))) {
      await takeBack();
      // A 429 (not a 401): a client without a CAPTCHA widget must say "too many attempts, wait",
      // never "wrong password" for what may be the right one.
      throw new AppError(
        "rate_limited",
        token ? "The CAPTCHA was not solved; try again" : "Too many attempts: solve the CAPTCHA to log in",
        {
          retryAfterSeconds: Math.max(
            pairNeedsCaptcha ? pair.retryAfterSeconds : 0,
            accountNeedsCaptcha ? anyIp.retryAfterSeconds : 0,
          ),
          captchaRequired: true,
        },
      );
    }
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
    // Slow this IP's guessing of this account, progressively (limits.ts).
    const delay = loginDelayMs(pair.hits);
    if (delay > 0) await sleep(delay);
    throw new AppError("unauthenticated", WRONG_CREDENTIALS, {
      captchaRequired:
        pair.hits >= LoginLimits.captchaAfterPairFailures || anyIp.hits >= LoginLimits.failuresPerAccount.max,
    });
  }

  await takeBack();
  return inTransaction(deps.db, async (tx) => {
    const session = await createSession(tx, account.id, meta, deps.config.sessions.maxAgeMs);
    await auditOwnAccount(tx, AuditActions.loggedIn, account.id, meta.ip, { sessionId: session.id });
    const identity = (await identityStates(tx, [account.id])).get(account.id);
    return { user: presentMe(account, identity ?? { person: "none", enterprise: "none" }), session };
  });
}
