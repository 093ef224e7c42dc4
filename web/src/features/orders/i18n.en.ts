// Order pages: the English texts (same keys as ./i18n.zh-CN.ts).
import type { CatalogueOf } from "../../app/i18n/messages.ts";
import type { ordersZhCN } from "./i18n.zh-CN.ts";

export const ordersEn: CatalogueOf<typeof ordersZhCN> = {
  "orders.loading": "Loading…",
  "orders.retry": "Try again",
  "orders.more": "Load more",
  "orders.signInAction": "Log in",
  "orders.sourceBid": "Hired from a tender",
  "orders.sourceService": "Shop service",

  "orders.status.pending_confirmation": "Awaiting confirmation",
  "orders.status.in_progress": "In progress",
  "orders.status.completed": "Completed",
  "orders.status.cancelled": "Cancelled",
  "orders.status.unknown": "Unknown",

  "orders.ms.pending_funding": "Awaiting funding",
  "orders.ms.funded": "Funded",
  "orders.ms.delivered": "Delivered, to review",
  "orders.ms.revision_requested": "Revision requested",
  "orders.ms.accepted": "Accepted",
  "orders.ms.refunded": "Refunded",
  "orders.ms.disputed": "Disputed",
  "orders.ms.split": "Split",
  "orders.ms.number": "Milestone {n}:",
  "orders.ms.due": "Due",
  "orders.ms.autoAccept": "Accepted automatically",
  "orders.ms.acceptedAt": "Accepted",
  "orders.ms.revisions": "Revisions",
  "orders.ms.revisionsLeft": { one: "1 left", other: "{count} left" },
  "orders.ms.deliveries": { one: "1 delivery", other: "{count} deliveries" },
  "orders.ms.deliveryN": "Delivery {n}",
  "orders.ms.files": "Delivered files",

  "orders.card.provider": "Provider:",
  "orders.card.buyer": "Buyer:",
  "orders.card.milestones": "{done} of {count} milestones accepted",

  "orders.mine.title": "My orders",
  "orders.mine.lead":
    "What I hire and what I work on. Every milestone's money is held in escrow and paid to the provider only on acceptance.",
  "orders.mine.tabs": "Order role",
  "orders.mine.asBuyer": "I hired",
  "orders.mine.asProvider": "I work on",
  "orders.mine.filters": "Filter orders",
  "orders.mine.status": "Status",
  "orders.mine.allStatuses": "Any status",
  "orders.mine.emptyBuyer": "You have not hired anyone yet. Order from a shop, or post a tender.",
  "orders.mine.emptyProvider": "No orders yet. Bid on a tender, or open a shop.",
  "orders.mine.emptyFiltered": "No orders with this status.",
  "orders.mine.findService": "Browse services",
  "orders.mine.findTender": "Browse tenders",
  "orders.mine.signIn": "Log in to see your orders.",

  "orders.page.title": "Order",
  "orders.page.errorTitle": "This order cannot be opened",
  "orders.page.back": "Back to my orders",
  "orders.page.signIn": "An order is visible to its buyer and provider only. Please log in.",
  "orders.page.breadcrumb": "You are here",
  "orders.page.youBuy": "You are the buyer",
  "orders.page.youProvide": "You are the provider",
  "orders.page.observer": "Operator view",
  "orders.page.buyer": "Buyer:",
  "orders.page.provider": "Provider:",
  "orders.page.created": "Ordered {time}",
  "orders.page.requirements": "Requirements",
  "orders.page.milestones": "Milestones and payments",
  "orders.page.timeline": "History",
  "orders.page.summary": "Order summary",
  "orders.page.total": "Order total",
  "orders.page.inEscrow": "In escrow",
  "orders.page.released": "Paid to the provider",
  "orders.page.source": "From",
  "orders.page.actions": "Order actions",

  "orders.banner.label": "Order status",
  "orders.banner.confirm.provider":
    "New order! The money is in escrow. Confirm it by {confirmBy}, or it is cancelled and the buyer refunded.",
  "orders.banner.confirm.buyer":
    "Your money is in escrow. The provider confirms by {confirmBy}; if not, the order is cancelled and fully refunded.",
  "orders.banner.work.provider": "In progress: deliver the work milestone by milestone.",
  "orders.banner.work.buyer": "In progress: the provider is working; you review each delivery.",
  "orders.banner.review.buyer":
    "The provider delivered. Review it: accept, or ask for a revision. Without a decision it is accepted automatically.",
  "orders.banner.review.provider": "Delivered. Waiting for the buyer's review.",
  "orders.banner.fund.buyer":
    "The next milestone waits for your funding; the provider starts once it is in escrow.",
  "orders.banner.fund.provider": "Waiting for the buyer to fund the next milestone.",
  "orders.banner.completed": "Completed: every milestone was accepted and paid.",
  "orders.banner.cancelled": "Cancelled: funded milestones not accepted were refunded to the buyer.",
  "orders.banner.cancelAsked.you":
    "The other party asks to cancel. If you agree, funded milestones not yet accepted return to the buyer.",
  "orders.banner.cancelAsked.other": "You asked to cancel; waiting for the other party to agree.",

  "orders.action.confirm": "Confirm the order",
  "orders.action.decline": "Decline (full refund)",
  "orders.action.cancel": "Cancel the order",
  "orders.action.cancelRefund": "Cancel and refund the buyer",
  "orders.action.askCancel": "Ask to cancel",
  "orders.action.agreeCancel": "Agree to cancel",
  "orders.action.fund": "Fund {amount}",
  "orders.action.accept": "Accept and pay {amount}",
  "orders.action.revise": { one: "Ask for a revision (1 left)", other: "Ask for a revision ({count} left)" },
  "orders.cancel.explainPending":
    "The work has not started: the money in escrow returns to the buyer in full.",
  "orders.cancel.explainProvider":
    "You cancel: every funded milestone not yet accepted returns to the buyer.",
  "orders.cancel.explainBuyer":
    "The provider has to agree (unless a milestone is long overdue); funded milestones not yet accepted come back to you.",
  "orders.cancel.explainAgree":
    "The order is cancelled: funded milestones not yet accepted return to the buyer; accepted ones stay paid.",
  "orders.cancel.yes": "Yes: {action}",
  "orders.cancel.no": "Not now",
  "orders.cancel.waiting": "You asked to cancel; waiting for the other party.",

  "orders.revise.reason": "What should change",
  "orders.revise.hint": {
    one: "Say what to change. 1 revision left for this milestone.",
    other: "Say what to change. {count} revisions left for this milestone.",
  },
  "orders.revise.reasonMissing": "Say what should change",
  "orders.revise.submit": "Send the revision request",
  "orders.revise.none": "No revisions left for this milestone.",

  "orders.deliver.title": "Deliver this milestone",
  "orders.deliver.again": "Deliver the revised work",
  "orders.deliver.intro":
    "Describe what you deliver and attach the files. Once the buyer accepts, the milestone's amount (minus the platform fee) is yours.",
  "orders.deliver.text": "Delivery note",
  "orders.deliver.submit": "Deliver",
  "orders.deliver.acceptHint": "Any file type.",

  "orders.event.created": "Order placed",
  "orders.event.confirmed": "The provider confirmed",
  "orders.event.funded": "“{milestone}” funded",
  "orders.event.delivered": "“{milestone}” delivered",
  "orders.event.redelivered": "“{milestone}” delivered again after a revision",
  "orders.event.accepted": "“{milestone}” accepted and paid",
  "orders.event.refunded": "“{milestone}” refunded",
  "orders.event.completed": "Order completed",
  "orders.event.cancelled": "Order cancelled",

  "orders.error.signIn": "Please log in first.",
  "orders.error.notFound": "No such order (or it is not yours to see).",
  "orders.error.funds": "Your balance is too low.",
  "orders.error.transition": "The order has changed meanwhile. Reload and try again.",
  "orders.error.forbidden": "You may not do this.",

  "orders.topup.body": "Your wallet is {amount} short. Once the top-up arrives, this continues by itself.",
};
