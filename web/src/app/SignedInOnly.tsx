// What only a signed-in person needs in the shell (the realtime socket, the bell) stays out of the
// first load: a visitor never downloads it; a signed-in person fetches it (a lazy component) once the
// session is known.
import { type ReactNode, Suspense, useRef } from "react";
import { useAuth } from "./auth/AuthProvider.tsx";

export function SignedInOnly({ children }: { children: ReactNode }) {
  const auth = useAuth();
  // Once shown it stays rendered: after a log-out the component itself sees nobody signed in
  // (the realtime bridge then drops the previous person's notifications; the bell hides).
  const seen = useRef(false);
  if (auth.status === "signed-in") seen.current = true;
  if (!seen.current) return null;
  return <Suspense fallback={null}>{children}</Suspense>;
}
