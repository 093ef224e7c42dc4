import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

// The tender pages reuse the contests' category picker (its texts come with the contests catalogue).
const TendersPage = lazyPage(() => import("./pages/TendersPage.tsx"), "TendersPage", [
  "tenders",
  "orders",
  "contests",
]);
const PostTenderPage = lazyPage(() => import("./pages/PostTenderPage.tsx"), "PostTenderPage", [
  "tenders",
  "contests",
]);

/** The tender page itself is /tasks/:id: the contest page hands a tender to TenderPage (lazy, below). */
export const TenderPage = lazyPage(() => import("./pages/TenderPage.tsx"), "TenderPage", [
  "tenders",
  "orders",
  "contests",
]);

export const tendersRoutes = {
  tenders: <TendersPage />,
  postTender: <PostTenderPage />,
} satisfies FeatureRoutes;
