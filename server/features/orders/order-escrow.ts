// An order's money: one escrow account per order (escrow:order:<id>, paid by its buyer), each
// milestone funded, released and refunded under its own key (`milestone:<index>`), so every
// movement has its own transfer id and a replay moves nothing twice (features/escrow).
import type { EscrowSubject } from "../escrow/escrow.ts";

export const orderEscrow = (order: Readonly<{ id: string; buyer_id: string }>): EscrowSubject => ({
  kind: "order",
  id: order.id,
  payerId: order.buyer_id,
});

/** The key of a milestone's fund / release / refund transfers within its order's escrow. */
export const milestoneKey = (m: Readonly<{ index: number }>) => `milestone:${m.index}`;
