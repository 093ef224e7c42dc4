import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CategoryTree } from "../../../contracts/categories.ts";
import type { Deps } from "../../core/deps.ts";
import { listCategoryTree } from "./categories.queries.ts";

export const categoryRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/categories",
      {
        schema: {
          security: [],
          tags: ["categories"],
          summary: "The bilingual two-level category tree",
          response: { 200: CategoryTree },
        },
      },
      async (_request, reply) => {
        // The tree changes only with a migration: let browsers and proxies keep it for a minute.
        reply.header("cache-control", "public, max-age=60");
        return { items: await listCategoryTree(deps.db) };
      },
    );
  };
