// Wallet, top-ups, withdrawals and the ledger audit (API.md, "Wallet and payments").
import { z } from "zod";
import { AmountMinor, Cursor, ListQuery, MinorQuery, Page } from "./common.ts";

// Re-exported: the web app and older imports reach them here.
export { AmountMinor, ListQuery, MinorQuery };

export const Wallet = z
  .object({
    currency: z.literal("CNY"),
    availableMinor: z.number().int(),
    inEscrowMinor: z.number().int(),
    pendingWithdrawalMinor: z.number().int(),
  })
  .meta({ id: "Wallet" });
export type Wallet = z.infer<typeof Wallet>;

export const WalletEntryKind = z.enum([
  "top_up",
  "escrow_fund",
  "escrow_release",
  "platform_fee",
  "escrow_refund",
  "dispute_split",
  "withdrawal_hold",
  "withdrawal_paid",
  "withdrawal_returned",
  "reversal",
  "other",
]);

export const WalletEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: WalletEntryKind,
    /** Signed effect on the available balance (a withdrawal hold is negative, its return positive, its payment 0 and is left out). */
    amountMinor: z.number().int(),
    /** A prize paid out: what was won and the platform's fee (amountMinor = grossMinor − feeMinor). */
    grossMinor: z.number().int().optional(),
    feeMinor: z.number().int().optional(),
    ref: z
      .object({
        type: z.string(),
        id: z.string(),
        /** The contest the line is about (a task, or an entry in it): its title and id, to link it. */
        title: z.string().optional(),
        taskId: z.string().optional(),
      })
      .nullable(),
  })
  .meta({ id: "WalletEntry" });
export type WalletEntry = z.infer<typeof WalletEntry>;

export const WalletEntries = Page(WalletEntry);

export const TopUpMethod = z.enum(["alipay", "wechat", "card"]);
export const CreateTopUp = z.object({ amountMinor: AmountMinor, method: TopUpMethod }).strict();
export type CreateTopUp = z.infer<typeof CreateTopUp>;

export const TopUp = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    amountMinor: z.number().int(),
    method: TopUpMethod,
    payUrl: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: "TopUp" });
export type TopUp = z.infer<typeof TopUp>;
export const TopUpResponse = z.object({ topUp: TopUp });

export const SandboxPay = z.object({
  outcome: z.enum(["succeeded", "failed"]),
  /** The token of the top-up's pay URL (the pay page's form sends it); the owner may omit it. */
  token: z.string().max(100).optional(),
});

export const WithdrawalStatus = z.enum(["pending", "approved", "paid", "failed", "rejected"]);
export const Destination = z
  .object({
    method: z.enum(["alipay", "bank"]),
    account: z.string().trim().min(1).max(100),
  })
  .strict();
export const CreateWithdrawal = z.object({ amountMinor: AmountMinor, destination: Destination }).strict();
export type CreateWithdrawal = z.infer<typeof CreateWithdrawal>;

export const Withdrawal = z
  .object({
    id: z.string(),
    status: WithdrawalStatus,
    amountMinor: z.number().int(),
    destination: z.object({ method: z.enum(["alipay", "bank"]), account: z.string() }),
    failureReason: z.string().nullable(),
    accountId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Withdrawal" });
export type Withdrawal = z.infer<typeof Withdrawal>;
export const WithdrawalResponse = z.object({ withdrawal: Withdrawal });
export const WithdrawalList = Page(Withdrawal);
export const WithdrawalListQuery = ListQuery.extend({
  status: WithdrawalStatus.optional(),
  cursor: Cursor.optional(),
});
export const ReviewWithdrawal = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const LedgerAudit = z
  .object({
    ok: z.boolean(),
    checks: z.array(z.object({ name: z.string(), ok: z.boolean(), details: z.unknown() })),
  })
  .meta({ id: "LedgerAudit" });
