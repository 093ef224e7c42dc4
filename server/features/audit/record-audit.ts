// The append-only audit log (migration 0100): security-relevant events that operators can read.
// Record inside the business transaction when the event is part of one (a role grant, a decision),
// or on the pool when the request itself fails (a failed log-in must stay recorded).
import type { Queryable, Tx } from "../../db/database.ts";

export const AuditActions = {
  signedUp: "account.signed_up",
  loggedIn: "account.logged_in",
  loginFailed: "account.login_failed",
  loggedOut: "account.logged_out",
  loggedOutEverywhere: "account.logged_out_everywhere",
  passwordChanged: "account.password_changed",
  passwordResetRequested: "account.password_reset_requested",
  passwordReset: "account.password_reset",
  profileUpdated: "account.profile_updated",
  roleGranted: "account.role_granted",
  roleRevoked: "account.role_revoked",
  contactVerified: "verification.contact_verified",
  identitySubmitted: "verification.identity_submitted",
  identityApproved: "verification.identity_approved",
  identityRejected: "verification.identity_rejected",
} as const;

export type AuditEventInput = Readonly<{
  action: string;
  actorAccountId?: string | null;
  subject?: Readonly<{ type: string; id: string }>;
  ip?: string | null;
  details?: Record<string, unknown>;
}>;

export async function recordAudit(db: Queryable | Tx, event: AuditEventInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      action: event.action,
      actor_account_id: event.actorAccountId ?? null,
      subject_type: event.subject?.type ?? null,
      subject_id: event.subject?.id ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
