// Who is looking, for the contest pages: the app-wide session (AuthProvider), in the shape these
// pages use (loading, or the account / null), and where the log-in page sends people back to.
import { useAuth } from "../../app/auth/AuthProvider.tsx";
import type { Me } from "./api.ts";

export type Viewer = { status: "loading" } | { status: "ready"; me: Me | null };

export function useViewer(): Viewer {
  const auth = useAuth();
  if (auth.status === "loading") return { status: "loading" };
  return { status: "ready", me: auth.status === "signed-in" ? auth.user : null };
}

export function loginHref(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
