// Operators' pages: loaded only on /admin/*.

import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const OperatorVerificationsPage = lazyPage(
  () => import("./pages/OperatorVerificationsPage.tsx"),
  "OperatorVerificationsPage",
);
const OperatorWithdrawalsPage = lazyPage(
  () => import("./pages/OperatorWithdrawalsPage.tsx"),
  "OperatorWithdrawalsPage",
);

export const adminRoutes = {
  opsVerifications: <OperatorVerificationsPage />,
  opsWithdrawals: <OperatorWithdrawalsPage />,
} satisfies FeatureRoutes;
