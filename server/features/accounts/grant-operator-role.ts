// The operator role is granted from the command line (`npm run cli -- operator grant <email>`),
// never through the API: there is no HTTP path to becoming an operator.
import { sql } from "kysely";
import { notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";

export type RoleChange = { accountId: string; email: string; changed: boolean };

/** `by` names who did it for the audit log (e.g. "cli", or an operator's account id). */
export async function grantOperatorRole(
  tx: Tx,
  input: { email?: string; accountId?: string; by: string; byAccountId?: string | null },
): Promise<RoleChange> {
  return changeRole(tx, input, "grant");
}

export async function revokeOperatorRole(
  tx: Tx,
  input: { email?: string; accountId?: string; by: string; byAccountId?: string | null },
): Promise<RoleChange> {
  return changeRole(tx, input, "revoke");
}

async function changeRole(
  tx: Tx,
  input: { email?: string; accountId?: string; by: string; byAccountId?: string | null },
  change: "grant" | "revoke",
): Promise<RoleChange> {
  let q = tx.selectFrom("accounts").select(["id", "email", "roles"]).forUpdate();
  if (input.accountId) q = q.where("id", "=", input.accountId);
  else q = q.where(sql`lower(email)`, "=", (input.email ?? "").trim().toLowerCase());
  const account = await q.executeTakeFirst();
  if (!account) throw notFound(`Account ${input.email ?? input.accountId}`);
  const has = account.roles.includes("operator");
  const changed = change === "grant" ? !has : has;
  if (changed) {
    const roles =
      change === "grant" ? [...account.roles, "operator"] : account.roles.filter((r) => r !== "operator");
    await tx
      .updateTable("accounts")
      .set({ roles: sql`${sql.val(roles)}::text[]`, updated_at: sql`now()` })
      .where("id", "=", account.id)
      .execute();
    await recordAudit(tx, {
      action: change === "grant" ? AuditActions.roleGranted : AuditActions.roleRevoked,
      actorAccountId: input.byAccountId ?? null,
      subject: { type: "account", id: account.id },
      details: { role: "operator", by: input.by },
    });
  }
  return { accountId: account.id, email: account.email, changed };
}
