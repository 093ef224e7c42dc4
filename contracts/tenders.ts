// Bids on tenders (API.md "Tenders (招标), bids and orders"): a provider's price, days, proposal and
// milestones; the buyer's acceptance opens an order (contracts/orders.ts).
import { z } from "zod";
import { AmountMinor, ListQuery, Page } from "./common.ts";
import { PersonRef } from "./tasks.ts";

/** At most this many milestones in one bid (and so in the order it opens). */
export const MAX_BID_MILESTONES = 10;
/** The longest a bid may say the work takes. */
export const MAX_BID_DAYS = 365;

export const BidStatus = z.enum(["submitted", "withdrawn", "accepted", "declined"]);
export type BidStatus = z.infer<typeof BidStatus>;

export const BidMilestone = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(120),
    amountMinor: AmountMinor,
  })
  .strict();

/** POST /tasks/:id/bids. The milestones must sum to `amountMinor` (checked by the server: 400). */
export const SubmitBid = z
  .object({
    amountMinor: AmountMinor,
    days: z.number().int("must be a whole number of days").min(1).max(MAX_BID_DAYS),
    proposal: z.string().trim().min(1, "must not be empty").max(10_000),
    milestones: z
      .array(BidMilestone)
      .min(1, "at least one milestone")
      .max(MAX_BID_MILESTONES, `at most ${MAX_BID_MILESTONES} milestones`),
  })
  .strict();
export type SubmitBid = z.infer<typeof SubmitBid>;

/**
 * A bid as the caller may see it. The buyer, its provider and operators see everything; with
 * `sealedBids: false` other providers see amounts and proposals too (never `orderId`).
 */
export const Bid = z
  .object({
    id: z.string(),
    taskId: z.string(),
    providerId: z.string(),
    provider: PersonRef,
    status: BidStatus,
    amountMinor: z.number().int(),
    days: z.number().int(),
    proposal: z.string(),
    milestones: z.array(z.object({ title: z.string(), amountMinor: z.number().int() })),
    /** The order an accepted bid opened: its two parties and operators only, else null. */
    orderId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Bid" });
export type Bid = z.infer<typeof Bid>;
export const BidResponse = z.object({ bid: Bid });

export const BidListQuery = ListQuery;
export const BidList = Page(Bid).extend({
  /** Always visible, also when the bids themselves are sealed: bids not withdrawn. */
  counts: z.object({ bids: z.number().int() }),
  /** Whether the list is limited by the sealed rules for this caller. */
  sealed: z.boolean(),
});
export type BidList = z.infer<typeof BidList>;
