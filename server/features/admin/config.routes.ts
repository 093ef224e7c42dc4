// Operator configuration (API.md "Operators": GET/PATCH /admin/config): fee rules by category and
// way of buying. Every change is one audit event (config.fee_rule_changed: the rule, from, to) in
// the same transaction; new tasks snapshot the fee in force when posted, posted ones keep theirs.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AdminConfig, PatchAdminConfig } from "../../../contracts/config.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Queryable } from "../../db/database.ts";
import { requireOperator } from "../../http/actor.ts";
import { signedIn } from "../../http/openapi.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { categoryExists } from "../categories/categories.queries.ts";
import { listFeeRules, setFeeRule } from "../escrow/fees.ts";

async function readConfig(q: Queryable, deps: Deps): Promise<AdminConfig> {
  return {
    fees: {
      defaultBps: deps.config.platformFeeBps,
      rules: (await listFeeRules(q)) as AdminConfig["fees"]["rules"],
    },
  };
}

export const adminConfigRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["operators"];
    app.get(
      "/admin/config",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Fee rules by category and way of buying, and the default fee (operators)",
          response: { 200: AdminConfig },
        },
      },
      async (request) => {
        requireOperator(request);
        return readConfig(deps.db, deps);
      },
    );

    app.patch(
      "/admin/config",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Set or remove fee rules (feeBps: null removes); applies to tasks posted afterwards",
          body: PatchAdminConfig,
          response: { 200: AdminConfig },
        },
      },
      async (request) => {
        const actor = requireOperator(request);
        return inTransaction(deps.db, async (tx) => {
          for (const rule of request.body.fees.rules) {
            if (rule.categoryId !== null && !(await categoryExists(tx, rule.categoryId))) {
              throw invalidInput(`categoryId: no category ${rule.categoryId}`, { field: "categoryId" });
            }
            const { fromBps } = await setFeeRule(tx, rule);
            await recordAudit(tx, {
              action: "config.fee_rule_changed",
              actorAccountId: actor.accountId,
              ip: request.ip,
              details: { categoryId: rule.categoryId, mode: rule.mode, fromBps, toBps: rule.feeBps },
            });
          }
          return readConfig(tx, deps);
        });
      },
    );
  };
