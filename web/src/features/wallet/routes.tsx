import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const WalletPage = lazyPage(() => import("./pages/WalletPage.tsx"), "WalletPage", ["wallet"]);

export const walletRoutes = { wallet: <WalletPage /> } satisfies FeatureRoutes;
