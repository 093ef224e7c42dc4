import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { AppError } from "../../core/errors.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import type { Metrics } from "../../http/metrics.ts";

const Status = z.object({ status: z.literal("ok") });

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Who may read /metrics (route names, traffic, memory): with METRICS_TOKEN, a caller presenting it
 * as a Bearer token (compared in constant time); without, only this machine (a scraper on
 * localhost). Both the socket and the client address (request.ip, after TRUST_PROXY) must be
 * loopback, so a request relayed by a local reverse proxy does not count as local.
 */
function assertMayReadMetrics(request: FastifyRequest, token: string | undefined): void {
  if (token !== undefined) {
    const match = /^Bearer (\S+)$/i.exec(request.headers.authorization?.trim() ?? "");
    // Hashing first makes the lengths equal, as timingSafeEqual needs, without leaking the length.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(token))) {
      throw new AppError("unauthenticated", "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>");
    }
    return;
  }
  const socket = request.socket.remoteAddress ?? "";
  if (!LOOPBACK.has(socket) || !LOOPBACK.has(request.ip)) {
    // As if it were not there: without a token, the metrics exist for this machine only.
    throw new AppError("not_found", `No route for GET ${request.url.split("?")[0]}`);
  }
}

export const healthRoutes =
  (deps: Deps, metrics: Metrics): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          security: [],
          tags: ["operations"],
          summary: "The process is up",
          response: { 200: Status },
        },
      },
      async () => ({ status: "ok" as const }),
    );

    app.get(
      "/readyz",
      {
        schema: {
          security: [],
          tags: ["operations"],
          summary: "The database is reachable and every migration is applied",
          response: { 200: Status },
        },
      },
      async () => {
        let pending: string[];
        try {
          pending = await pendingMigrations(async (text) =>
            sql<{ name: string }>`${sql.raw(text)}`.execute(deps.db),
          );
        } catch {
          throw new AppError("unavailable", "The database is not reachable");
        }
        if (pending.length > 0) {
          throw new AppError("unavailable", "Migrations are not applied yet", { pending });
        }
        return { status: "ok" as const };
      },
    );

    app.get(
      "/metrics",
      {
        schema: {
          security: [],
          tags: ["operations"],
          summary:
            "Prometheus metrics (text exposition format): Bearer METRICS_TOKEN when set, else loopback callers only",
          hide: false,
        },
      },
      async (request, reply) => {
        assertMayReadMetrics(request, deps.config.metricsToken);
        reply.type("text/plain; version=0.0.4; charset=utf-8");
        return metrics.render();
      },
    );
  };
