// Sign-up: a new account and its first session. The password is hashed before the transaction
// (argon2 takes tens of milliseconds; no row is locked meanwhile).
import { sql } from "kysely";
import type { Me, RegisterBody } from "../../../contracts/accounts.ts";
import type { AppDeps } from "../../app.ts";
import { conflict } from "../../http/errors.ts";
import { hit, rateLimited } from "../../http/rate-limit.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { identityStates, presentMe } from "./accounts.queries.ts";
import { SignupLimits } from "./limits.ts";
import { assertAcceptablePassword, hashPassword } from "./passwords.ts";
import { createSession, type NewSession, type SessionMeta } from "./sessions.ts";

export async function registerAccount(
  deps: Pick<AppDeps, "db" | "config">,
  input: RegisterBody,
  meta: SessionMeta,
): Promise<{ user: Me; session: NewSession }> {
  const byIp = await hit(deps.db, `signup:ip:${meta.ip ?? "?"}`, SignupLimits.perIp);
  if (byIp.limited) throw rateLimited(byIp.retryAfterSeconds, "Too many sign-ups from this address");
  assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);

  return deps.db.transaction().execute(async (tx) => {
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
    if (!account) {
      throw conflict("An account with this e-mail address already exists", { field: "email" });
    }
    const session = await createSession(tx, account.id, meta, deps.config.sessions.maxAgeMs);
    await recordAudit(tx, {
      action: AuditActions.signedUp,
      actorAccountId: account.id,
      subject: { type: "account", id: account.id },
      ip: meta.ip,
    });
    const identity = (await identityStates(tx, [account.id])).get(account.id);
    return { user: presentMe(account, identity ?? { person: "none", enterprise: "none" }), session };
  });
}
