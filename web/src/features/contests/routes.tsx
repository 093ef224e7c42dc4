import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const ContestsPage = lazyPage(() => import("./pages/ContestsPage.tsx"), "ContestsPage", ["contests"]);
const PostContestPage = lazyPage(() => import("./pages/PostContestPage.tsx"), "PostContestPage", [
  "contests",
]);
const MyContestsPage = lazyPage(() => import("./pages/MyContestsPage.tsx"), "MyContestsPage", ["contests"]);
const ContestPage = lazyPage(() => import("./pages/ContestPage.tsx"), "ContestPage", [
  "contests",
  // The thread panel (ask the buyer / the buyer's questions) is part of the page.
  "messages",
]);

export const contestsRoutes = {
  contests: <ContestsPage />,
  postContest: <PostContestPage />,
  myContests: <MyContestsPage as="buyer" />,
  myEntries: <MyContestsPage as="provider" />,
  task: <ContestPage />,
} satisfies FeatureRoutes;
