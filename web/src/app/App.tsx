// The app: providers (language, query cache, who is signed in), the router and the layout.
// Every feature lists its pages in its routes.tsx, each page a lazy chunk of its own.
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, type ReactNode } from "react";
import type { WebRouteName } from "../../../contracts/web-routes.ts";
import { accountsRoutes } from "../features/accounts/routes.tsx";
import { adminRoutes } from "../features/admin/routes.tsx";
import { contestsRoutes } from "../features/contests/routes.tsx";
import { dashboardRoutes } from "../features/dashboard/routes.tsx";
import { homeRoutes } from "../features/home/routes.tsx";
import { messagesRoutes } from "../features/messages/routes.tsx";
import { notificationsRoutes } from "../features/notifications/routes.tsx";
import { ordersRoutes } from "../features/orders/routes.tsx";
import { pieceworkRoutes } from "../features/piecework/routes.tsx";
import { servicesRoutes } from "../features/services/routes.tsx";
import { tendersRoutes } from "../features/tenders/routes.tsx";
import { walletRoutes } from "../features/wallet/routes.tsx";
import { AuthProvider } from "./auth/AuthProvider.tsx";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { queryClient } from "./query-client.ts";
import { Router, Routes } from "./router.tsx";
import { SignedInOnly } from "./SignedInOnly.tsx";

const RealtimeBridge = lazy(() =>
  import("../features/notifications/RealtimeBridge.tsx").then((m) => ({ default: m.RealtimeBridge })),
);

/** One page per route of contracts/web-routes.ts (the server knows the same list: see isWebRoute). */
const pages: { [name in WebRouteName]: ReactNode } = {
  ...homeRoutes,
  ...accountsRoutes,
  ...walletRoutes,
  ...adminRoutes,
  ...contestsRoutes,
  ...dashboardRoutes,
  ...tendersRoutes,
  ...servicesRoutes,
  ...ordersRoutes,
  ...pieceworkRoutes,
  ...messagesRoutes,
  ...notificationsRoutes,
};

/** Every route of the web app, inside the shell. A new page: a line in webRoutes and in its feature's routes.tsx. */
export function AppRoutes() {
  return (
    <Layout>
      <Routes pages={pages} notFound={<NotFoundPage />} />
    </Layout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          {/* Signed in: one WebSocket keeps the query cache live (notifications, messages). */}
          <SignedInOnly>
            <RealtimeBridge />
          </SignedInOnly>
          <Router>
            <AppRoutes />
          </Router>
        </AuthProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
