import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const ContestsPage = lazyPage(() => import("./pages/ContestsPage.tsx"), "ContestsPage");
const PostContestPage = lazyPage(() => import("./pages/PostContestPage.tsx"), "PostContestPage");
const MyContestsPage = lazyPage(() => import("./pages/MyContestsPage.tsx"), "MyContestsPage");
const ContestPage = lazyPage(() => import("./pages/ContestPage.tsx"), "ContestPage");

export const contestsRoutes = {
  contests: <ContestsPage />,
  postContest: <PostContestPage />,
  myContests: <MyContestsPage as="buyer" />,
  myEntries: <MyContestsPage as="provider" />,
  task: <ContestPage />,
} satisfies FeatureRoutes;
