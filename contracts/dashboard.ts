// GET /api/v1/me/actions: what waits for the signed-in account, with the date it is due by.
import { z } from "zod";

const Contest = { taskId: z.string(), title: z.string() };

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
  })
  .meta({ id: "MyActions" });
export type MyActions = z.infer<typeof MyActions>;
