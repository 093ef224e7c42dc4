import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { AppDeps } from "../../app.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import { AppError } from "../../http/errors.ts";
import type { Metrics } from "../../http/metrics.ts";

const Status = z.object({ status: z.literal("ok") });

export const healthRoutes =
  (deps: AppDeps, metrics: Metrics): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/healthz",
      { schema: { tags: ["operations"], summary: "The process is up", response: { 200: Status } } },
      async () => ({ status: "ok" as const }),
    );

    app.get(
      "/readyz",
      {
        schema: {
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
        schema: { tags: ["operations"], summary: "Prometheus metrics (text exposition format)", hide: false },
      },
      async (_request, reply) => {
        reply.type("text/plain; version=0.0.4; charset=utf-8");
        return metrics.render();
      },
    );
  };
