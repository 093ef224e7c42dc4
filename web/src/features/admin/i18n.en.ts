// Operators' pages (review queues); the English file has the same keys.
import type { CatalogueOf } from "../../app/i18n/messages.ts";
import type { adminZhCN } from "./i18n.zh-CN.ts";

export const adminEn: CatalogueOf<typeof adminZhCN> = {
  "ops.eyebrow": "Operators",
  "ops.filter": "Filter by status",
  "ops.approve": "Approve",
  "ops.reject": "Reject",
  "ops.account": "Account",
  "ops.viewProfile": "View profile",
  "ops.emptyFilter": "Nothing with this status.",
  "ops.verify.title": "Verification queue",
  "ops.verify.lead":
    "Oldest first. The provider's check is evidence, not a decision; a rejection needs a reason, which the user sees.",
  "ops.verify.empty": "No verification requests are waiting.",
  "ops.verify.status.pending": "Waiting",
  "ops.verify.status.approved": "Approved",
  "ops.verify.status.rejected": "Rejected",
  "ops.verify.kind.person": "Real name",
  "ops.verify.kind.enterprise": "Enterprise",
  "ops.verify.provider": "Provider check",
  "ops.verify.result.match": "Match",
  "ops.verify.result.mismatch": "Name and number differ",
  "ops.verify.result.invalid": "Invalid number",
  "ops.verify.reason": "Reason",
  "ops.verify.reasonHint": "The user sees this: say what to correct.",
  "ops.verify.reasonRequired": "A rejection needs a reason.",
  "ops.verify.confirmReject": "Reject",
  "ops.withdrawals.title": "Withdrawal approvals",
  "ops.withdrawals.lead":
    "Approved withdrawals are paid by the payout provider asynchronously; a rejection returns the money at once. You cannot review your own.",
  "ops.withdrawals.empty": "No withdrawals are waiting.",
  "ops.withdrawals.destination": "Destination",
  "ops.withdrawals.requestedAt": "Requested",
  "ops.withdrawals.reason": "Reason (optional)",
  "ops.withdrawals.confirmReject": "Reject",
  "ops.withdrawals.ownForbidden": "You cannot review your own withdrawal; another operator must.",
};
