// English texts for the signed-in home and the welcome: exactly the keys of ./i18n.zh-CN.ts.
import type { CatalogueOf } from "../../app/i18n/messages.ts";
import type { dashboardZhCN } from "./i18n.zh-CN.ts";

export const dashboardEn: CatalogueOf<typeof dashboardZhCN> = {
  "dash.hello": "Hello, {name}",
  "dash.lead": "What waits for you, and where to go next.",
  "dash.post": "Post a contest",
  "dash.browse": "Browse contests",
  "dash.wallet": "Wallet",
  "dash.actions.title": "Needs your action",
  "dash.actions.loading": "Loading what needs your action…",
  "dash.actions.error": "What needs your action could not be loaded.",
  "dash.actions.retry": "Try again",
  "dash.actions.empty": "Nothing is waiting for you. Post a contest, or have a look at the open ones.",
  "dash.judge": {
    one: "1 entry to judge: choose the winners by {date}",
    other: "{count} entries to judge: choose the winners by {date}",
  },
  "dash.judgeNoDate": { one: "1 entry to judge", other: "{count} entries to judge" },
  "dash.accept":
    "{name} handed over the final files: review them. Accepted automatically (and paid) on {date}",
  "dash.handOver": "You won {amount}: hand over the final files by {date}, or the award lapses",
  "dash.awaiting":
    "Handed over, waiting for the buyer: accepted automatically on {date} at the latest; {amount} minus the fee reaches your wallet",
  "dash.reaward": "The award of {amount} lapsed: give it to another provider by {date}",
  "dash.confirm": "{name} ordered ({amount}): confirm by {date}, or the order is cancelled and refunded",
  "dash.deliver": "Milestone “{milestone}” ({amount}) is funded: deliver it by {date}",
  "dash.deliverRevision":
    "A revision of milestone “{milestone}” ({amount}) was requested: deliver again by {date}",
  "dash.acceptDelivery":
    "{name} delivered milestone “{milestone}”: review it. Accepted automatically (and paid) on {date}",
  "dash.fund": "Milestone “{milestone}” waits for {amount} in escrow: the provider starts once it is funded",
  "dash.bids": {
    one: "1 bid to compare: choose one by {date}",
    other: "{count} bids to compare: choose one by {date}",
  },
  "dash.pieces": {
    one: "1 piece to review: accepted automatically on {date}",
    other: "{count} pieces to review: accepted automatically on {date}",
  },
  "dash.piecesNoDate": { one: "1 piece to review", other: "{count} pieces to review" },
  "dash.kind.judge": "To judge",
  "dash.kind.accept": "To accept",
  "dash.kind.handOver": "To hand over",
  "dash.kind.awaiting": "To be paid",
  "dash.kind.reaward": "To award again",
  "dash.kind.confirm": "To confirm",
  "dash.kind.deliver": "To deliver",
  "dash.kind.fund": "To fund",
  "dash.kind.bids": "Bids to compare",
  "dash.kind.pieces": "To review",
  "welcome.title": "Welcome to Liangjiang, {name}!",
  "welcome.lead": "Your account is ready. What next?",
  "welcome.post.title": "Post a contest",
  "welcome.post.body":
    "Describe the work and set the prizes: they are held in escrow and paid only to the entries you choose.",
  "welcome.browse.title": "Browse contests and win prizes",
  "welcome.browse.body":
    "See which contests are open and enter your work; once chosen and handed over, the prize reaches your wallet.",
  "welcome.verify.title": "Verify your identity (optional)",
  "welcome.verify.body":
    "You can post and enter contests without it. Once verified, your profile shows a “verified” badge, so buyers and providers know who they work with; it takes a few minutes.",
  "welcome.verify.action": "Verify now",
  "welcome.later": "Later — go to my home page",
};
