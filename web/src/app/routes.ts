import type { ReactNode } from "react";
import type { WebRouteName } from "../../../contracts/web-routes.ts";

/** A feature's pages by route name (each a lazy page, so a route loads only its own chunk). */
export type FeatureRoutes = Partial<Record<WebRouteName, ReactNode>>;
