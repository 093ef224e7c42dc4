// Catalogue keys for the wallet's enums (statement kinds, methods, withdrawal statuses).
import type { MessageKey } from "../../app/i18n/messages.ts";

export const entryKindKey: Record<string, MessageKey> = {
  top_up: "wallet.kind.top_up",
  escrow_fund: "wallet.kind.escrow_fund",
  escrow_release: "wallet.kind.escrow_release",
  platform_fee: "wallet.kind.platform_fee",
  escrow_refund: "wallet.kind.escrow_refund",
  dispute_split: "wallet.kind.dispute_split",
  withdrawal_hold: "wallet.kind.withdrawal_hold",
  withdrawal_paid: "wallet.kind.withdrawal_paid",
  withdrawal_returned: "wallet.kind.withdrawal_returned",
  reversal: "wallet.kind.reversal",
  other: "wallet.kind.other",
};

export const topUpMethodKey: Record<"alipay" | "wechat" | "card", MessageKey> = {
  alipay: "wallet.method.alipay",
  wechat: "wallet.method.wechat",
  card: "wallet.method.card",
};

export const destinationKey: Record<"alipay" | "bank", MessageKey> = {
  alipay: "wallet.method.alipay",
  bank: "wallet.method.bank",
};

export const withdrawalStatusKey: Record<string, MessageKey> = {
  pending: "wallet.withdrawal.status.pending",
  approved: "wallet.withdrawal.status.approved",
  paid: "wallet.withdrawal.status.paid",
  failed: "wallet.withdrawal.status.failed",
  rejected: "wallet.withdrawal.status.rejected",
};

export function withdrawalTone(status: string): "success" | "danger" | "accent" {
  if (status === "paid") return "success";
  if (status === "failed" || status === "rejected") return "danger";
  return "accent";
}
