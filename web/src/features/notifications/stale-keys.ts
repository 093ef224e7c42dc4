// Which cached queries a realtime frame makes stale (RealtimeBridge invalidates them). Other
// features' keys: contests ["tasks", id] (+ its entries), orders ["orders", …], the wallet
// ["wallet", …], messages ["threads"] and ["thread", id, "messages"].
import type { QueryClient } from "@tanstack/react-query";
import type { StreamFrame } from "../../../../contracts/notifications.ts";

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

export function invalidateFor(client: Pick<QueryClient, "invalidateQueries">, frame: StreamFrame) {
  for (const queryKey of staleKeys(frame)) void client.invalidateQueries({ queryKey });
}
