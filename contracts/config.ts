// Operator configuration (API.md "Operators": GET/PATCH /admin/config). Fees by category and way of
// buying: PLATFORM_FEE_BPS is the default; a rule overrides it for a category (a root category's
// rule covers its children), a mode, or both; the most specific wins. Changes apply to tasks and
// orders created afterwards — each snapshots its fee when created.
import { z } from "zod";
import { TaskMode } from "./tasks.ts";

export const FeeRule = z
  .object({
    /** null: every category. */
    categoryId: z.string().min(1).max(40).nullable(),
    /** null: every way of buying; "service" for orders of a provider's service packages. */
    mode: z.enum([...TaskMode.options, "service"]).nullable(),
    feeBps: z.number().int().min(0).max(10_000),
  })
  .meta({ id: "FeeRule" });
export type FeeRule = z.infer<typeof FeeRule>;

export const AdminConfig = z
  .object({
    fees: z.object({
      /** PLATFORM_FEE_BPS: the fee where no rule applies. */
      defaultBps: z.number().int(),
      rules: z.array(FeeRule),
    }),
  })
  .meta({ id: "AdminConfig" });
export type AdminConfig = z.infer<typeof AdminConfig>;

/** Set (feeBps) or remove (feeBps: null) fee rules, each by its (categoryId, mode). */
export const PatchAdminConfig = z
  .object({
    fees: z
      .object({
        rules: z
          .array(FeeRule.extend({ feeBps: z.number().int().min(0).max(10_000).nullable() }))
          .min(1)
          .max(100),
      })
      .strict(),
  })
  .strict();
export type PatchAdminConfig = z.infer<typeof PatchAdminConfig>;
