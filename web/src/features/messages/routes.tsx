import { lazyPage } from "../../app/lazy-page.ts";
import type { FeatureRoutes } from "../../app/routes.ts";

const InboxPage = lazyPage(() => import("./pages/InboxPage.tsx"), "InboxPage", ["messages"]);
const ThreadPage = lazyPage(() => import("./pages/ThreadPage.tsx"), "ThreadPage", ["messages"]);

export const messagesRoutes = {
  messages: <InboxPage />,
  messageThread: <ThreadPage />,
} satisfies FeatureRoutes;
