// GET /api/v1/me/actions: what waits for the signed-in account, with the date it is due by.
import { z } from "zod";

const Contest = { taskId: z.string(), title: z.string() };
/** An order's item: its page is /orders/:orderId. */
const OrderRef = { orderId: z.string(), title: z.string() };
const MilestoneRef = {
  ...OrderRef,
  milestoneId: z.string(),
  milestoneTitle: z.string(),
  amountMinor: z.number().int(),
};

export const MyActions = z
  .object({
    /** My contests in selection: choose the winners by `selectionEndsAt`. */
    toJudge: z.array(
      z.object({ ...Contest, entries: z.number().int(), selectionEndsAt: z.string().nullable() }),
    ),
    /** Winners' handovers on my contests: accept them, or they are accepted for me at `autoAcceptAt`. */
    toAccept: z.array(
      z.object({
        ...Contest,
        entryId: z.string(),
        providerName: z.string(),
        autoAcceptAt: z.string().nullable(),
      }),
    ),
    /** Prizes I won: hand the work over by `handoverDueAt`, or the award lapses. */
    toHandOver: z.array(
      z.object({
        ...Contest,
        entryId: z.string(),
        amountMinor: z.number().int(),
        handoverDueAt: z.string().nullable(),
      }),
    ),
    /** Work I handed over, waiting for the buyer: paid at the latest at `autoAcceptAt` (nothing to do). */
    awaitingPayment: z.array(
      z.object({
        ...Contest,
        entryId: z.string(),
        amountMinor: z.number().int(),
        autoAcceptAt: z.string().nullable(),
      }),
    ),
    /** Prizes on my contests whose winner did not hand over: award them again by `reawardEndsAt`. */
    toReaward: z.array(
      z.object({
        ...Contest,
        prizeIndex: z.number().int(),
        amountMinor: z.number().int(),
        reawardEndsAt: z.string(),
      }),
    ),
    /** As provider: ordered services to confirm by `confirmBy`, or the order is cancelled and refunded. */
    ordersToConfirm: z.array(
      z.object({
        ...OrderRef,
        buyerName: z.string(),
        totalMinor: z.number().int(),
        confirmBy: z.string().nullable(),
      }),
    ),
    /** As provider: funded milestones (or ones sent back for a revision) to deliver by `dueAt`. */
    milestonesToDeliver: z.array(
      z.object({
        ...MilestoneRef,
        status: z.enum(["funded", "revision_requested"]),
        dueAt: z.string().nullable(),
      }),
    ),
    /** As buyer: delivered milestones to review, accepted (and paid) on their own at `autoAcceptAt`. */
    deliveriesToAccept: z.array(
      z.object({ ...MilestoneRef, providerName: z.string(), autoAcceptAt: z.string().nullable() }),
    ),
    /** As buyer: milestones of my running orders still to fund (no deadline; work starts once funded). */
    milestonesToFund: z.array(z.object(MilestoneRef)),
    /** As buyer: my tenders with bids to compare; choose one by `selectionEndsAt` (then it closes). */
    bidsToCompare: z.array(
      z.object({ ...Contest, bids: z.number().int(), selectionEndsAt: z.string().nullable() }),
    ),
    /** As buyer: my piece-rate tasks with pieces waiting; accepted on their own at `reviewEndsAt`. */
    piecesToReview: z.array(
      z.object({ ...Contest, pieces: z.number().int(), reviewEndsAt: z.string().nullable() }),
    ),
  })
  .meta({ id: "MyActions" });
export type MyActions = z.infer<typeof MyActions>;
