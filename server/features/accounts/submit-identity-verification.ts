// Real-name (person) or enterprise verification: the verification provider checks the number
// against the name, then the request waits in the operators' review queue. The full number is
// sent to the provider and not stored (only masked, plus a hash to spot reuse across accounts).

import { createHash } from "node:crypto";
import type { IdentityVerification, SubmitIdentityBody } from "../../../contracts/accounts.ts";
import type { AccountActor } from "../../core/actor.ts";
import { conflict } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Database } from "../../db/database.ts";
import { hit, rateLimited } from "../../http/rate-limit.ts";
import type { VerificationProvider } from "../../verification/provider.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { IdentityLimits } from "./limits.ts";
import { presentVerification } from "./verification.queries.ts";

function maskNumber(number: string): string {
  return `${number.slice(0, 4)}${"*".repeat(Math.max(0, number.length - 8))}${number.slice(-4)}`;
}

export async function submitIdentityVerification(
  deps: { db: Database; verificationProvider: VerificationProvider },
  actor: AccountActor,
  input: SubmitIdentityBody,
): Promise<IdentityVerification> {
  const number = input.kind === "person" ? input.idNumber : input.creditCode;
  const open = await deps.db
    .selectFrom("identity_verifications")
    .select("status")
    .where("account_id", "=", actor.accountId)
    .where("kind", "=", input.kind)
    .where("status", "in", ["pending", "approved"])
    .executeTakeFirst();
  if (open?.status === "pending") throw conflict("A verification of this kind is already waiting for review");
  if (open?.status === "approved") throw conflict("This account is already verified");

  const limit = await hit(
    deps.db,
    `identity:submit:${actor.accountId}`,
    IdentityLimits.submissionsPerAccount,
  );
  if (limit.limited)
    throw rateLimited(limit.retryAfterSeconds, "Too many verification requests; try again tomorrow");

  // The provider is the outside world: call it before the transaction, never inside one.
  const answer = await deps.verificationProvider.check(input);
  return inTransaction(deps.db, async (tx) => {
    const row = await tx
      .insertInto("identity_verifications")
      .values({
        account_id: actor.accountId,
        kind: input.kind,
        legal_name: input.legalName,
        number_masked: maskNumber(number),
        number_hash: createHash("sha256").update(`${input.kind}:${number}`).digest(),
        provider: deps.verificationProvider.name,
        provider_reference: answer.reference,
        provider_result: answer.result,
      })
      // Two submissions racing: the partial unique index keeps one pending request.
      .onConflict((oc) => oc.columns(["account_id", "kind"]).where("status", "=", "pending").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict("A verification of this kind is already waiting for review");
    await recordAudit(tx, {
      action: AuditActions.identitySubmitted,
      actorAccountId: actor.accountId,
      subject: { type: "identity_verification", id: row.id },
      details: { kind: input.kind, providerResult: answer.result },
    });
    return presentVerification(row);
  });
}
