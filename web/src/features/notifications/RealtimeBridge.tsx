// Keeps the query cache live for a signed-in person: one WebSocket (lib/realtime.ts), and every
// frame invalidates the queries it concerns — a notification: the notifications (list, bell) and
// its subject's page (a task and its entries, an order, the wallet); a message: the inbox and that
// thread. Rendered once in the app's providers; nothing on screen.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useAuth } from "../../app/auth/AuthProvider.tsx";
import { connectRealtime } from "../../lib/realtime.ts";
import { invalidateFor } from "./stale-keys.ts";

export function RealtimeBridge() {
  const auth = useAuth();
  const client = useQueryClient();
  const accountId = auth.status === "signed-in" ? auth.user.id : undefined;
  const refresh = useRef(auth.refresh);
  refresh.current = auth.refresh;
  useEffect(() => {
    // Another person (or nobody) now: never show the previous one's notifications or count.
    client.removeQueries({ queryKey: ["notifications"] });
    if (!accountId) return;
    return connectRealtime({
      onFrame: (frame) => invalidateFor(client, frame),
      // (Re)connected: whatever happened while the socket was down is fetched again.
      onOpen: () => {
        void client.invalidateQueries({ queryKey: ["notifications"] });
        void client.invalidateQueries({ queryKey: ["threads"] });
      },
      // The session ended elsewhere (log-out everywhere, expiry): ask who is signed in now.
      onSessionEnded: () => void refresh.current(),
    });
  }, [accountId, client]);
  return null;
}
