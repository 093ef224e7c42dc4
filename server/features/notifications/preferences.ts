// E-mail on/off per kind of notification (in-app is always on). No row = on: a new account is told
// by e-mail until it says otherwise.
import {
  NOTIFICATION_KINDS,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from "../../../contracts/notifications.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Queryable, Tx } from "../../db/database.ts";

export async function getNotificationPreferences(
  q: Tx | Queryable,
  actor: AccountActor,
): Promise<NotificationPreferences> {
  const rows = await q
    .selectFrom("notification_preferences")
    .select(["kind", "email"])
    .where("account_id", "=", actor.accountId)
    .execute();
  const email = Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, true]),
  ) as NotificationPreferences["email"];
  for (const r of rows) email[r.kind] = r.email;
  return { email };
}

export async function updateNotificationPreferences(
  tx: Tx,
  actor: AccountActor,
  input: UpdateNotificationPreferences,
  at: Date,
): Promise<NotificationPreferences> {
  for (const kind of NOTIFICATION_KINDS) {
    const email = input.email[kind];
    if (email === undefined) continue;
    await tx
      .insertInto("notification_preferences")
      .values({ account_id: actor.accountId, kind, email, updated_at: at })
      .onConflict((oc) => oc.columns(["account_id", "kind"]).doUpdateSet({ email, updated_at: at }))
      .execute();
  }
  return getNotificationPreferences(tx, actor);
}
