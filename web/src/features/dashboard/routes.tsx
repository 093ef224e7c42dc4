import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const WelcomePage = lazyPage(() => import("./WelcomePage.tsx"), "WelcomePage", ["dashboard"]);

export const dashboardRoutes = { welcome: <WelcomePage /> } satisfies FeatureRoutes;
