// The signed-in home's "needs my action" list (read-only).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { MyActions } from "../../../contracts/dashboard.ts";
import type { Deps } from "../../core/deps.ts";
import { requireAccount } from "../../http/actor.ts";
import { signedIn } from "../../http/openapi.ts";
import { listMyActions } from "./dashboard.queries.ts";

export const dashboardRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/me/actions",
      {
        schema: {
          security: signedIn,
          tags: ["dashboard"],
          summary:
            "What waits for the signed-in account: contests to judge, handovers, prizes to re-award, orders, milestones, bids, pieces",
          response: { 200: MyActions },
        },
      },
      async (request) =>
        listMyActions(deps.db, requireAccount(request).accountId, {
          now: deps.clock.now(),
          autoAcceptMs: deps.config.timers.autoAcceptMs,
        }),
    );
  };
