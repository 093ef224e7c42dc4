import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

// The order page reuses the contests' upload form (its texts come with the contests catalogue).
const OrderPage = lazyPage(() => import("./pages/OrderPage.tsx"), "OrderPage", ["orders", "contests"]);
const MyOrdersPage = lazyPage(() => import("./pages/MyOrdersPage.tsx"), "MyOrdersPage", ["orders"]);

export const ordersRoutes = {
  myOrders: <MyOrdersPage />,
  order: <OrderPage />,
} satisfies FeatureRoutes;
