import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

// Service pages reuse the contests' category picker (its texts come with the contests catalogue)
// and the orders' top-up step (orders catalogue).
const ServicesPage = lazyPage(() => import("./pages/ServicesPage.tsx"), "ServicesPage", [
  "services",
  "contests",
]);
const ShopPage = lazyPage(() => import("./pages/ShopPage.tsx"), "ShopPage", ["services"]);
const ServicePage = lazyPage(() => import("./pages/ServicePage.tsx"), "ServicePage", ["services"]);
const CheckoutPage = lazyPage(() => import("./pages/CheckoutPage.tsx"), "CheckoutPage", [
  "services",
  "orders",
  "contests",
]);
const ServiceEditorPage = lazyPage(() => import("./pages/ServiceEditorPage.tsx"), "ServiceEditorPage", [
  "services",
  "contests",
]);

export const servicesRoutes = {
  services: <ServicesPage />,
  postService: <ServiceEditorPage />,
  service: <ServicePage />,
  editService: <ServiceEditorPage />,
  checkout: <CheckoutPage />,
  shop: <ShopPage />,
} satisfies FeatureRoutes;
