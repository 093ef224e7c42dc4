// The operator's view of the durable job queue (API.md: GET /admin/jobs). Failed money jobs are
// retried, never dropped (server/jobs/jobs.ts); this list is where an operator sees them waiting.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AdminJobList, AdminJobListQuery } from "../../../contracts/jobs.ts";
import type { Deps } from "../../core/deps.ts";
import { requireOperator } from "../../http/actor.ts";
import { signedIn } from "../../http/openapi.ts";
import { listJobs } from "./jobs.queries.ts";

export const adminJobRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/admin/jobs",
      {
        schema: {
          security: signedIn,
          tags: ["operators"],
          summary: "Background jobs: waiting, running and failed, soonest first (`?state=`)",
          querystring: AdminJobListQuery,
          response: { 200: AdminJobList },
        },
      },
      async (request) => {
        requireOperator(request);
        return listJobs(deps.db, request.query);
      },
    );
  };
