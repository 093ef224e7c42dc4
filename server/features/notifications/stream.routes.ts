// GET /api/v1/stream — the WebSocket of one signed-in account (API.md): frames
// `{ type: "notification" | "message", data }` for that account only, from any app process
// (realtime/realtime.ts fans out with LISTEN/NOTIFY). Authenticated like every API request (the
// session cookie or `Authorization: Bearer` on the upgrade; accounts/authenticate.ts) before the
// upgrade — anonymous gets a plain 401, no socket. A cookie-authenticated upgrade must come from our
// own origin (browsers always send Origin on WebSocket handshakes), so another site cannot open a
// socket with the visitor's cookie. A ping every HEARTBEAT_MS; a socket that missed the last pong is
// closed, and so is one that cannot keep up (its buffer over MAX_BUFFERED_BYTES).
import fastifyWebsocket from "@fastify/websocket";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import type { RealtimeHub } from "../../realtime/realtime.ts";
import { assertNotCrossSite } from "../accounts/authenticate.ts";

const HEARTBEAT_MS = 25_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

export const streamRoutes =
  (deps: Deps, hub: RealtimeHub | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    // Clients send nothing but pongs: tiny frames only.
    await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
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
      preHandler: async (request) => {
        const actor = requireAccount(request);
        if (request.authenticatedBy === "cookie") assertNotCrossSite(request, deps);
        return actor;
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
        let alive = true;
        const unsubscribe = hub.subscribe(actor.accountId, (frame) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.terminate();
            return;
          }
          socket.send(JSON.stringify(frame));
        });
        const heartbeat = setInterval(() => {
          if (!alive) {
            socket.terminate();
            return;
          }
          alive = false;
          socket.ping();
        }, HEARTBEAT_MS);
        heartbeat.unref();
        socket.on("pong", () => {
          alive = true;
        });
        socket.on("close", () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
        socket.send(JSON.stringify({ type: "hello", data: { accountId: actor.accountId } }));
      },
    });
  };
