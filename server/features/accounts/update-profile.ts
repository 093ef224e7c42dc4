// The owner changes their display name or language.
import { sql } from "kysely";
import type { UpdateMeBody } from "../../../contracts/accounts.ts";
import type { AccountActor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";

export async function updateProfile(tx: Tx, actor: AccountActor, input: UpdateMeBody): Promise<void> {
  const updated = await tx
    .updateTable("accounts")
    .set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      updated_at: sql`now()`,
    })
    .where("id", "=", actor.accountId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw notFound("Account");
  await recordAudit(tx, {
    action: AuditActions.profileUpdated,
    actorAccountId: actor.accountId,
    subject: { type: "account", id: actor.accountId },
    details: { fields: Object.keys(input) },
  });
}
