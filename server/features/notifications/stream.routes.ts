// GET /api/v1/stream — the WebSocket of one signed-in account (API.md): frames
// `{ type: "notification" | "message", data }` for that account only, from any app process
// (realtime/realtime.ts fans out with LISTEN/NOTIFY). Authenticated like every API request (the
// session cookie or `Authorization: Bearer` on the upgrade; accounts/authenticate.ts) before the
// upgrade — anonymous gets a plain 401, no socket. A cookie-authenticated upgrade must come from our
// own origin (browsers always send Origin on WebSocket handshakes), so another site cannot open a
// socket with the visitor's cookie. Every HEARTBEAT_MS, one sweep over this process's sockets: a ping
// each; a socket that missed the last pong is closed, and so is every socket whose session has ended
// since it opened (logged out, logged out everywhere, expired, account suspended — one query for
// them all). A socket that cannot keep up (its buffer over MAX_BUFFERED_BYTES) is closed too.
import fastifyWebsocket, { type WebSocket } from "@fastify/websocket";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import type { RealtimeHub } from "../../realtime/realtime.ts";
import { assertNotCrossSite } from "../accounts/authenticate.ts";

const HEARTBEAT_MS = 25_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Close code of a socket whose session ended (4000–4999: the application's own). */
export const SESSION_ENDED = 4001;

export const streamRoutes =
  (deps: Deps, hub: RealtimeHub | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    // Clients send nothing but pongs: tiny frames only.
    await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
    const open = new Map<WebSocket, { sessionId: string; alive: boolean }>();
    const sweep = setInterval(() => void sweepSockets(deps, open), HEARTBEAT_MS);
    sweep.unref();
    app.addHook("onClose", async () => clearInterval(sweep));
    // An upgrade refused by an earlier onRequest hook (a bad Bearer token: 401) never reaches the
    // plugin's own hook, which would close its connection after the answer; without this the
    // connection stays open and the server can never close.
    app.addHook("onResponse", async (request) => {
      if (request.headers.upgrade?.toLowerCase() === "websocket") request.raw.socket?.destroy();
    });
    app.route({
      method: "GET",
      url: "/stream",
      schema: {
        tags: ["notifications"],
        summary:
          "WebSocket (send Upgrade: websocket): my notifications and messages as they happen, " +
          'frames { "type": "notification" | "message", "data": … }. A plain GET is a 400',
        security: signedIn,
        response: {
          200: z.never().describe("never: the answer is 101 Switching Protocols"),
          ...errors(400, 401, 403),
        },
      },
      // Before any upgrade: a signed-in account (401), a cookie only from our own pages (403).
      preHandler: async (request) => {
        requireAccount(request);
        if (request.authenticatedBy === "cookie") assertNotCrossSite(request, deps);
      },
      handler: async () => {
        throw invalidInput("GET /stream is a WebSocket: connect with Upgrade: websocket");
      },
      wsHandler: (socket, request) => {
        const actor = requireAccount(request);
        if (!hub) {
          socket.close(1013, "realtime unavailable");
          return;
        }
        open.set(socket, { sessionId: actor.sessionId, alive: true });
        const unsubscribe = hub.subscribe(actor.accountId, (frame) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.terminate();
            return;
          }
          socket.send(JSON.stringify(frame));
        });
        socket.on("pong", () => {
          const state = open.get(socket);
          if (state) state.alive = true;
        });
        socket.on("close", () => {
          open.delete(socket);
          unsubscribe();
        });
        socket.send(JSON.stringify({ type: "hello", data: { accountId: actor.accountId } }));
      },
    });
  };

/** What the sweep needs of a socket (ws's WebSocket). */
export type SweptSocket = Pick<WebSocket, "ping" | "terminate" | "close">;

/** One sweep: ping every socket, close the silent ones and those whose session has ended. */
export async function sweepSockets(
  deps: Pick<Deps, "db">,
  open: Map<SweptSocket, { sessionId: string; alive: boolean }>,
): Promise<void> {
  for (const [socket, state] of open) {
    if (!state.alive) {
      socket.terminate();
      continue;
    }
    state.alive = false;
    socket.ping();
  }
  const sessionIds = [...new Set([...open.values()].map((s) => s.sessionId))];
  if (sessionIds.length === 0) return;
  try {
    const { rows } = await sql<{ id: string }>`
      SELECT s.id FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.id = ANY(${sessionIds}::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now()
        AND a.status = 'active'`.execute(deps.db);
    const live = new Set(rows.map((r) => r.id));
    for (const [socket, state] of open) {
      if (!live.has(state.sessionId)) socket.close(SESSION_ENDED, "session ended");
    }
  } catch {
    // The database is away: the sockets stay; the next sweep checks again.
  }
}
