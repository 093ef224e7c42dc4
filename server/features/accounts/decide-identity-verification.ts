// An operator approves or rejects (with a reason) a pending real-name / enterprise verification.
// The row is locked; only a pending request can be decided (else 409 invalid_transition); an
// operator never decides their own. The owner is told by e-mail (outbox).
import { sql } from "kysely";
import type { IdentityVerification } from "../../../contracts/accounts.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, notFound } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";
import { queueMessage } from "../../mail/outbox.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { assertCanReviewVerifications, assertNotOwnVerification } from "./accounts.policy.ts";
import { presentVerification } from "./verification.queries.ts";

export type Decision = { decision: "approve" } | { decision: "reject"; reason: string };

export async function decideIdentityVerification(
  tx: Tx,
  actor: AccountActor,
  input: { verificationId: string } & Decision,
  deps: Pick<Deps, "jobs" | "config" | "clock">,
): Promise<IdentityVerification> {
  assertCanReviewVerifications(actor);
  if (!isUuid(input.verificationId)) throw notFound("Verification");
  const row = await tx
    .selectFrom("identity_verifications")
    .selectAll()
    .where("id", "=", input.verificationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("Verification");
  assertNotOwnVerification(actor, row.account_id);
  if (row.status !== "pending") {
    throw new AppError("invalid_transition", `This verification was already ${row.status}`, {
      status: row.status,
    });
  }
  const approved = input.decision === "approve";
  const updated = await tx
    .updateTable("identity_verifications")
    .set({
      status: approved ? "approved" : "rejected",
      decided_at: sql`now()`,
      decided_by: actor.accountId,
      reason: input.decision === "reject" ? input.reason : null,
    })
    .where("id", "=", row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // The decision as a domain event: the notifications consumer tells the owner in the app.
  await appendEvent(tx, {
    subject: { type: "verification", id: row.id },
    type: approved ? "verification.approved" : "verification.rejected",
    data: { kind: row.kind },
    actor,
    at: deps.clock.now(),
  });
  await recordAudit(tx, {
    action: approved ? AuditActions.identityApproved : AuditActions.identityRejected,
    actorAccountId: actor.accountId,
    subject: { type: "identity_verification", id: row.id },
    details: {
      accountId: row.account_id,
      kind: row.kind,
      ...(input.decision === "reject" ? { reason: input.reason } : {}),
    },
  });
  const owner = await tx
    .selectFrom("accounts")
    .select(["email", "locale"])
    .where("id", "=", row.account_id)
    .executeTakeFirstOrThrow();
  const zh = owner.locale === "zh-CN";
  const what =
    row.kind === "person"
      ? zh
        ? "实名认证"
        : "real-name verification"
      : zh
        ? "企业认证"
        : "enterprise verification";
  await queueMessage(tx, deps, {
    channel: "email",
    to: owner.email,
    subject: zh
      ? `您的${what}${approved ? "已通过" : "未通过"}`
      : `Your ${what} was ${approved ? "approved" : "rejected"}`,
    body: approved
      ? zh
        ? `您的${what}已通过审核，认证标识已显示在您的主页上。`
        : `Your ${what} was approved; the badge now shows on your profile.`
      : zh
        ? `您的${what}未通过审核。原因：${input.decision === "reject" ? input.reason : ""}`
        : `Your ${what} was rejected. Reason: ${input.decision === "reject" ? input.reason : ""}`,
  });
  return presentVerification(updated);
}
