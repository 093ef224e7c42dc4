// Which page a path is (no React here: test/web/router.test.ts runs it in Node).
import { type WebRouteName, webRoutes } from "../../../contracts/web-routes.ts";

/**
 * Which page of webRoutes a path is, with its `:params` — matched as the server's isWebRoute
 * does: a `:param` is one non-empty segment, letters in any case, a trailing slash ignored.
 */
export function matchRoute(pathname: string): { name: WebRouteName; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter((s) => s !== "");
  for (const name of Object.keys(webRoutes) as WebRouteName[]) {
    const pattern = webRoutes[name].split("/").filter((s) => s !== "");
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((p, i) => {
      const part = parts[i] ?? "";
      if (p.startsWith(":")) {
        const value = decoded(part);
        if (value === null) return false;
        params[p.slice(1)] = value;
        return true;
      }
      return p.toLowerCase() === part.toLowerCase();
    });
    if (matches) return { name, params };
  }
  return null;
}

/** A path segment decoded, or null for a malformed escape ("%E0%A4%A": the not-found page, not a crash). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
