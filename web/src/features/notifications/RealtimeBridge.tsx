// Keeps the query cache live for a signed-in person: one WebSocket (lib/realtime.ts), and every
// frame invalidates the queries it concerns — a notification: the notifications (list, bell) and
// its subject's page (a task and its entries, an order, the wallet); a message: the inbox and that
// thread. Rendered once in the app's providers; nothing on screen.
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { StreamFrame } from "../../../../contracts/notifications.ts";
import { useAuth } from "../../app/auth/AuthProvider.tsx";
import { connectRealtime } from "../../lib/realtime.ts";

/** The query keys a frame makes stale (other features' keys: contests ["tasks", id], orders, wallet, messages). */
export function staleKeys(frame: StreamFrame): readonly (readonly unknown[])[] {
  switch (frame.type) {
    case "message":
      return [["threads"], ["thread", frame.data.threadId, "messages"]];
    case "notification": {
      const { subject } = frame.data;
      const bySubject: Record<string, readonly unknown[]> = {
        task: ["tasks", subject.id],
        order: ["orders"],
        wallet: ["wallet"],
        thread: ["threads"],
      };
      const own = bySubject[subject.type];
      return own ? [["notifications"], own] : [["notifications"]];
    }
    default:
      return [];
  }
}

export function invalidateFor(client: QueryClient, frame: StreamFrame) {
  for (const queryKey of staleKeys(frame)) void client.invalidateQueries({ queryKey });
}

export function RealtimeBridge() {
  const auth = useAuth();
  const client = useQueryClient();
  const accountId = auth.status === "signed-in" ? auth.user.id : undefined;
  useEffect(() => {
    if (!accountId) return;
    return connectRealtime({
      onFrame: (frame) => invalidateFor(client, frame),
      // (Re)connected: whatever happened while the socket was down is fetched again.
      onOpen: () => {
        void client.invalidateQueries({ queryKey: ["notifications"] });
        void client.invalidateQueries({ queryKey: ["threads"] });
      },
    });
  }, [accountId, client]);
  return null;
}
