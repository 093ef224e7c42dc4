import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const HomePage = lazyPage(() => import("./HomePage.tsx"), "HomePage");

export const homeRoutes = { home: <HomePage /> } satisfies FeatureRoutes;
