import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const NotificationsPage = lazyPage(() => import("./pages/NotificationsPage.tsx"), "NotificationsPage", [
  "notifications",
]);

export const notificationsRoutes = { notifications: <NotificationsPage /> } satisfies FeatureRoutes;
