import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

// The piece-rate pages reuse the contests' category picker, work form and top-up step (their texts
// come with the contests catalogue).
const PieceworkListPage = lazyPage(() => import("./pages/PieceworkListPage.tsx"), "PieceworkListPage", [
  "piecework",
]);
const PostPieceworkPage = lazyPage(() => import("./pages/PostPieceworkPage.tsx"), "PostPieceworkPage", [
  "piecework",
  "contests",
]);

export const pieceworkRoutes = {
  piecework: <PieceworkListPage />,
  postPiecework: <PostPieceworkPage />,
} satisfies FeatureRoutes;
