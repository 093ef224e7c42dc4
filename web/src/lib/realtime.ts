// The one WebSocket of a signed-in browser: GET /api/v1/stream on our own origin (the session
// cookie goes with the upgrade). Frames are `{ type, data }` (contracts/notifications.ts
// StreamFrame). A dropped socket comes back with exponential backoff (1 s doubling to 30 s, with
// jitter so a restarted server is not hit by every browser at once); each (re)connection calls
// `onOpen`, so what may have been missed meanwhile is refetched. A socket closed because its session
// ended (4001: logged out elsewhere, expired) does not come back: `onSessionEnded` says so.
import type { StreamFrame } from "../../../contracts/notifications.ts";
import { API_BASE } from "./api.ts";

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** The server's close code for a socket whose session ended (server: stream.routes.ts SESSION_ENDED). */
const SESSION_ENDED = 4001;

export type RealtimeHandlers = {
  onFrame(frame: StreamFrame): void;
  onOpen?(): void;
  onSessionEnded?(): void;
};

/** Connect and stay connected until the returned function is called. */
export function connectRealtime(handlers: RealtimeHandlers): () => void {
  let socket: WebSocket | undefined;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const url = () => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${API_BASE}/stream`;

  const open = () => {
    if (stopped) return;
    const ws = new WebSocket(url());
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      handlers.onOpen?.();
    };
    ws.onmessage = (event) => {
      try {
        handlers.onFrame(JSON.parse(String(event.data)) as StreamFrame);
      } catch {
        // A frame we cannot read is dropped: the next refetch brings the truth anyway.
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws || stopped) return;
      if (event.code === SESSION_ENDED) {
        stopped = true;
        handlers.onSessionEnded?.();
        return;
      }
      const delay = Math.min(MIN_DELAY_MS * 2 ** failures++, MAX_DELAY_MS);
      timer = setTimeout(open, delay / 2 + Math.random() * (delay / 2));
    };
  };

  // A tab coming back online or to the front reconnects at once instead of waiting out the backoff.
  const now = () => {
    if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) return;
    clearTimeout(timer);
    failures = 0;
    open();
  };
  window.addEventListener("online", now);
  document.addEventListener("visibilitychange", now);
  open();

  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener("online", now);
    document.removeEventListener("visibilitychange", now);
    socket?.close();
  };
}
