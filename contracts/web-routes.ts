// Every page of the web app, by name. The web router (web/src/App.tsx) renders one page per entry,
// and the server answers these paths 200 with the app shell and any other path 404 (with the shell
// still, so the app shows its not-found page). A new page is a line here, nowhere else to keep in step.

export const webRoutes = {
  home: "/",
  // Accounts, verification, profiles, wallet (and their operator pages)
  signup: "/signup",
  login: "/login",
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
  welcome: "/welcome",
  settings: "/account",
  verification: "/account/verification",
  profile: "/users/:id",
  wallet: "/wallet",
  opsVerifications: "/admin/verifications",
  opsWithdrawals: "/admin/withdrawals",
  // Contests (悬赏)
  contests: "/contests",
  postContest: "/contests/new",
  myContests: "/contests/mine",
  myEntries: "/contests/entered",
  task: "/tasks/:id",
  // Notifications (the bell)
  notifications: "/notifications",
  // Piece-rate tasks (计件): a task's own page is /tasks/:id (the task page dispatches by mode)
  piecework: "/piecework",
  postPiecework: "/piecework/new",
  // Tenders (招标): a tender's own page is /tasks/:id (the task page dispatches by mode)
  tenders: "/tenders",
  postTender: "/tenders/new",
  // Services (雇佣 / 店铺服务): shops, services, checkout, the editor
  services: "/services",
  postService: "/services/new",
  service: "/services/:id",
  editService: "/services/:id/edit",
  checkout: "/services/:id/checkout",
  shop: "/shops/:id",
  // Orders (from a hired bid or an ordered service), for both parties
  myOrders: "/orders",
  order: "/orders/:id",
  // Messages (threads with buyers and providers)
  messages: "/messages",
  messageThread: "/messages/:id",
} as const;

export type WebRouteName = keyof typeof webRoutes;

function segments(pathname: string): string[] {
  return pathname.split("/").filter((s) => s !== "");
}

const patterns = Object.values(webRoutes).map(segments);

/**
 * Whether the web router has a page for `pathname` (no query), matched as React Router does:
 * `:param` is one non-empty segment, letters in any case, a trailing slash ignored.
 */
export function isWebRoute(pathname: string): boolean {
  const parts = segments(pathname.toLowerCase());
  return patterns.some(
    (pattern) =>
      pattern.length === parts.length &&
      pattern.every((p, i) => p.startsWith(":") || p.toLowerCase() === parts[i]),
  );
}
