// Operators' pages: loaded only on /admin/*.

import type { CatalogueName } from "../../app/i18n/catalogues.ts";
import { lazyPage } from "../../app/lazy-page.ts";

// The operators' pages show verification facts and withdrawal statuses in those features' words.
const texts: CatalogueName[] = ["admin", "accounts", "wallet"];

import type { FeatureRoutes } from "../../app/routes.ts";

const OperatorVerificationsPage = lazyPage(
  () => import("./pages/OperatorVerificationsPage.tsx"),
  "OperatorVerificationsPage",
  texts,
);
const OperatorWithdrawalsPage = lazyPage(
  () => import("./pages/OperatorWithdrawalsPage.tsx"),
  "OperatorWithdrawalsPage",
  texts,
);

export const adminRoutes = {
  opsVerifications: <OperatorVerificationsPage />,
  opsWithdrawals: <OperatorWithdrawalsPage />,
} satisfies FeatureRoutes;
