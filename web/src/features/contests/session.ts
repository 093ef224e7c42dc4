// Who is looking: GET /me, asked only when a session may exist (the script-readable `lj_csrf`
// cookie is set with the HttpOnly session cookie), so anonymous visitors cause no 401.
import { api } from "../../api/client.ts";
import { useApi } from "../../api/useApi.ts";
import type { Me } from "./api.ts";

export function maySignedIn(): boolean {
  return document.cookie.split("; ").some((part) => part.startsWith("lj_csrf="));
}

export type Viewer = { status: "loading" } | { status: "ready"; me: Me | null };

export function useViewer(): Viewer {
  const state = useApi(async (signal) => {
    if (!maySignedIn()) return null;
    try {
      return (await api.get<{ user: Me }>("/me", { signal })).user;
    } catch {
      return null;
    }
  }, []);
  if (state.status === "loading") return { status: "loading" };
  return { status: "ready", me: state.status === "ready" ? state.data : null };
}

/** Where the log-in page sends people back to. */
export function loginHref(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
