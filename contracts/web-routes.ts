// Every page of the web app, by name. The web router (web/src/App.tsx) renders one page per entry,
// and the server answers these paths 200 with the app shell and any other path 404 (with the shell
// still, so the app shows its not-found page). A new page is a line here, nowhere else to keep in step.

export const webRoutes = {
  home: "/",
  // Accounts, verification, profiles, wallet (and their operator pages)
  signup: "/signup",
  login: "/login",
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
} as const;

export type WebRouteName = keyof typeof webRoutes;

/**
 * Pages the server already has the API for and links to (the reset link in the forgot-password
 * e-mail), whose web pages are being built (issue 9). Served 200 with the shell meanwhile; each one
 * moves into webRoutes together with its page in the web router.
 */
export const pendingWebRoutes = {
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
} as const;

function segments(pathname: string): string[] {
  return pathname.split("/").filter((s) => s !== "");
}

const patterns = [...Object.values(webRoutes), ...Object.values(pendingWebRoutes)].map(segments);

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
