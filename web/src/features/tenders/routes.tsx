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

export const tendersRoutes = {
  tenders: <TendersPage />,
  postTender: <PostTenderPage />,
} satisfies FeatureRoutes;
