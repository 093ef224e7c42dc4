// Piece-rate tasks (计件; API.md "Piece-rate tasks"): the posting body, the task's own terms, and the
// buyer's rejection of a piece. contracts/tasks.ts joins them into CreateTask and Task by `mode`;
// this file imports only the primitives, so the two never import each other.
import { z } from "zod";
import { AmountMinor } from "./common.ts";

/** At most this many pieces in one task (API.md: quantity 1–1000). */
export const MAX_PIECES = 1000;

export const CreatePiecework = z
  .object({
    mode: z.literal("piecework"),
    title: z.string().trim().min(1, "must not be empty").max(120),
    brief: z.string().trim().min(1, "must not be empty").max(10_000),
    categoryId: z.string().min(1).max(40).optional(),
    /** What one accepted piece pays (before the platform's fee). */
    unitPriceMinor: AmountMinor,
    quantity: z.number().int("must be a whole number").min(1).max(MAX_PIECES),
    /**
     * The end of pieces (at least CONTEST_MIN_SUBMISSION_PERIOD, at most 30 days from now): no piece
     * after it; waiting ones are accepted TIMER_PIECE_REVIEW later.
     */
    deadline: z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" }),
    /** Pieces one provider may have that are not rejected. */
    maxPerProvider: z.number().int("must be a whole number").min(1).max(MAX_PIECES).default(1),
  })
  .strict();
export type CreatePiecework = z.infer<typeof CreatePiecework>;

/** A piece-rate task's own terms (server: the piecework mode's presentTerms). */
export const PieceworkTerms = z.object({
  mode: z.literal("piecework"),
  unitPriceMinor: z.number().int(),
  quantity: z.number().int(),
  maxPerProvider: z.number().int(),
  deadline: z.string(),
  /** Set at the deadline: pieces still waiting then are accepted automatically (earliest first). */
  reviewEndsAt: z.string().nullable(),
  /** Pieces by status — counts only, public (the pieces themselves: the buyer and their author). */
  pieces: z.object({
    paid: z.number().int(),
    waiting: z.number().int(),
    rejected: z.number().int(),
  }),
});
export type PieceworkTerms = z.infer<typeof PieceworkTerms>;

/** POST /entries/:id/reject: why, shown to the piece's author. */
export const RejectPiece = z.object({ reason: z.string().trim().min(1, "say why").max(1000) }).strict();
export type RejectPiece = z.infer<typeof RejectPiece>;
