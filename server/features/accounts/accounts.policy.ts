// Who may do what with accounts. Objects a caller may not see → 404; actions they may not take → 403.

import type { Actor } from "../../core/actor.ts";
import { isOperator } from "../../core/actor.ts";
import { AppError, forbidden } from "../../core/errors.ts";

/** The account's own private data (e-mail, verification state…): the owner, or an operator. */
export function canSeePrivateAccount(actor: Actor, accountId: string): boolean {
  return actor.kind === "account" && (actor.accountId === accountId || isOperator(actor));
}

/** Verification decisions, the review queue, the audit log, the outbox: operators only. */
export function assertCanReviewVerifications(actor: Actor): void {
  if (actor.kind !== "account") throw new AppError("unauthenticated", "Sign in to continue");
  if (!isOperator(actor)) throw forbidden("Only operators may review verifications");
}

export function assertCanReadAudit(actor: Actor): void {
  if (actor.kind !== "account") throw new AppError("unauthenticated", "Sign in to continue");
  if (!isOperator(actor)) throw forbidden("Only operators may read the audit log");
}

/** Operators do not approve their own identity: another operator must. */
export function assertNotOwnVerification(actor: Actor, ownerId: string): void {
  if (actor.kind === "account" && actor.accountId === ownerId) {
    throw forbidden("You may not decide on your own verification");
  }
}
