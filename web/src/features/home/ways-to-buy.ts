// What Liangjiang does today, end to end — and so what the interface may offer (PRODUCT.md: "the
// interface never offers what does not work"). The home page renders its ways to buy and its
// promises from here; the issue that ships piece-rate, tenders, service orders, disputes, reviews
// or messaging switches its flag on (and nothing else has to change for the home page to say so).
import { webRoutes } from "../../../../contracts/web-routes.ts";
import type { MessageKey } from "../../app/i18n/messages.ts";

export type Capability =
  | "contest"
  | "piecework"
  | "tender"
  | "service"
  | "disputes"
  | "reviews"
  | "messaging";

export const available: Readonly<Record<Capability, boolean>> = {
  contest: true,
  piecework: true,
  tender: true,
  service: true,
  disputes: false,
  reviews: false,
  messaging: true,
};

export type WayToBuyId = "contest" | "piecework" | "tender" | "service";

type Link = Readonly<{ to: string; label: MessageKey }>;

export type WayToBuy = Readonly<{
  id: WayToBuyId;
  /** An icon of components/Icon.tsx (named here so that node:test can load this file). */
  icon: "trophy" | "pieces" | "tender" | "shop";
  /** The amount in the card's example ("e.g. 1st prize ¥2,000"), in fen. */
  exampleMinor: number;
  available: boolean;
  /** Where a buyer starts one and where everyone browses them: a page of the app and its link text. */
  post?: Link;
  browse?: Link;
}>;

/** The four ways to buy of the product, in the order the home page shows them. */
export const waysToBuy: readonly WayToBuy[] = [
  {
    id: "contest",
    icon: "trophy",
    exampleMinor: 200000,
    available: available.contest,
    post: { to: webRoutes.postContest, label: "contests.browse.post" },
    browse: { to: webRoutes.contests, label: "nav.contests" },
  },
  {
    id: "piecework",
    icon: "pieces",
    exampleMinor: 5000,
    available: available.piecework,
    post: { to: webRoutes.postPiecework, label: "nav.postPiecework" },
    browse: { to: webRoutes.piecework, label: "nav.piecework" },
  },
  {
    id: "tender",
    icon: "tender",
    exampleMinor: 3000000,
    available: available.tender,
    post: { to: webRoutes.postTender, label: "tenders.browse.post" },
    browse: { to: webRoutes.tenders, label: "nav.tenders" },
  },
  {
    id: "service",
    icon: "shop",
    exampleMinor: 180000,
    available: available.service,
    // A buyer starts by choosing a package in the services; a provider by offering one.
    post: { to: webRoutes.services, label: "services.browse.order" },
    browse: { to: webRoutes.postService, label: "services.browse.offer" },
  },
];

/** The ways a visitor can use today: the only ones the interface shows. */
export function availableWaysToBuy(): WayToBuy[] {
  return waysToBuy.filter((way) => way.available);
}

/** A line of a page that promises something (its text `key`); shown only when what it `needs` exists. */
export type Claim = { key: MessageKey; needs?: Capability };

export function honest<T extends Claim>(claims: readonly T[]): T[] {
  return claims.filter((claim) => claim.needs === undefined || available[claim.needs]);
}
