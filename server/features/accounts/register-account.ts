// Sign-up: a new account and its first session. The password is hashed before the transaction
// (argon2 takes tens of milliseconds; no row is locked meanwhile), for a taken address too, so
// both answers take alike. A taken address is a 409 on purpose (docs/decisions/0003): the answers
// "taken" per IP are few (SignupLimits.takenPerIp, then every sign-up from that IP waits), and the
// address's owner is told by e-mail that someone tried.

import { sql } from "kysely";
import type { Me, RegisterBody } from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { conflict } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { hit, peek, rateLimited } from "../../http/rate-limit.ts";
import { queueMessage } from "../../mail/outbox.ts";
import { AuditActions } from "../audit/record-audit.ts";
import { findAccountByEmail, identityStates, presentMe } from "./accounts.queries.ts";
import { SignupLimits } from "./limits.ts";
import { assertAcceptablePassword, hashPassword } from "./passwords.ts";
import { auditOwnAccount, createSession, type NewSession, type SessionMeta } from "./sessions.ts";

export async function registerAccount(
  deps: Pick<Deps, "db" | "config" | "jobs">,
  input: RegisterBody,
  meta: SessionMeta,
): Promise<{ user: Me; session: NewSession }> {
  const ip = meta.ip ?? "?";
  const takenKey = `signup:taken:ip:${ip}`;
  // An IP that has probed enough taken addresses waits for every sign-up, taken or not: refusing
  // only the taken ones would be the same oracle.
  const taken = await peek(deps.db, takenKey, SignupLimits.takenPerIp);
  if (taken.limited) throw rateLimited(taken.retryAfterSeconds, TOO_MANY);
  const byIp = await hit(deps.db, `signup:ip:${ip}`, SignupLimits.perIp);
  if (byIp.limited) throw rateLimited(byIp.retryAfterSeconds, TOO_MANY);
  assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);

  const created = await inTransaction(deps.db, async (tx) => {
    const account = await tx
      .insertInto("accounts")
      .values({
        email: input.email,
        password_hash: passwordHash,
        display_name: input.displayName,
        locale: input.locale ?? "zh-CN",
      })
      // The unique index on lower(email): any letter case of a known address is a duplicate.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!account) return undefined;
    const session = await createSession(tx, account.id, meta, deps.config.sessions.maxAgeMs);
    await auditOwnAccount(tx, AuditActions.signedUp, account.id, meta.ip);
    const identity = (await identityStates(tx, [account.id])).get(account.id);
    return { user: presentMe(account, identity ?? { person: "none", enterprise: "none" }), session };
  });
  if (created) return created;

  await hit(deps.db, takenKey, SignupLimits.takenPerIp);
  await tellOwner(deps, input.email);
  throw conflict("An account with this e-mail address already exists", { field: "email" });
}

const TOO_MANY = "Too many sign-ups from this address";

/** "Someone tried to sign up with your address", at most once a day per address. */
async function tellOwner(deps: Pick<Deps, "db" | "config" | "jobs">, email: string): Promise<void> {
  const owner = await findAccountByEmail(deps.db, email);
  if (!owner) return;
  const once = await hit(deps.db, `signup:taken:notice:${owner.id}`, SignupLimits.takenNoticePerAccount);
  if (once.limited) return;
  const zh = owner.locale === "zh-CN";
  await inTransaction(deps.db, (tx) =>
    queueMessage(tx, deps, {
      channel: "email",
      to: owner.email,
      subject: zh ? "有人尝试用您的邮箱注册两江" : "Someone tried to sign up to Liangjiang with your address",
      body: zh
        ? "有人刚刚尝试用此邮箱注册新账户。您的账户没有变化。如果是您本人，请直接登录；如果不是，无需任何操作。"
        : "Someone just tried to create a new account with this e-mail address. Your account is unchanged. If it was you, simply log in; if not, there is nothing to do.",
    }),
  );
}
