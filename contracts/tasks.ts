// Tasks (contests now; piece-rate and tenders later), entries, ratings, awards, handovers
// (API.md, "Tasks: contests, piece-rate, tenders").
import { z } from "zod";
import { AmountMinor, ListQuery, MinorQuery, Page } from "./common.ts";
import { CreatePiecework, PieceworkTerms } from "./piecework.ts";

export const TaskMode = z.enum(["contest", "piecework", "tender"]);
export type TaskMode = z.infer<typeof TaskMode>;
export const TaskStatus = z.enum([
  "open",
  "selecting",
  "awarded",
  "completed",
  "cancelled",
  "refunded",
  "hired",
  /** A tender nobody was hired for by the end of its selection (TIMER_TENDER_SELECTION). */
  "closed",
]);
export type TaskStatus = z.infer<typeof TaskStatus>;
/** `lapsed`: an awarded contest entry whose provider did not hand over in time (TIMER_HANDOVER). */
export const EntryStatus = z.enum(["submitted", "awarded", "handed_over", "paid", "rejected", "lapsed"]);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** At most this many prize tiers in one contest. */
export const MAX_PRIZES = 20;

const Title = z.string().trim().min(1, "must not be empty").max(120);
const Brief = z.string().trim().min(1, "must not be empty").max(10_000);
const Instant = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" });

export const CreateContest = z
  .object({
    mode: z.literal("contest"),
    title: Title,
    brief: Brief,
    categoryId: z.string().min(1).max(40).optional(),
    prizesMinor: z.array(AmountMinor).min(1, "at least one prize").max(MAX_PRIZES),
    submissionDeadline: Instant,
    sealed: z.boolean().default(true),
    guaranteed: z.boolean().default(true),
  })
  .strict();
export type CreateContest = z.infer<typeof CreateContest>;

/** A tender (招标): nothing escrowed at posting; providers bid until `bidDeadline` (API.md "Tenders"). */
export const CreateTender = z
  .object({
    mode: z.literal("tender"),
    title: Title,
    brief: Brief,
    categoryId: z.string().min(1).max(40).optional(),
    /** What the buyer means to spend, shown to bidders (optional). */
    budgetMinor: AmountMinor.optional(),
    bidDeadline: Instant,
    /** Other providers see a bid's amount and proposal only when false. */
    sealedBids: z.boolean().default(true),
  })
  .strict();
export type CreateTender = z.infer<typeof CreateTender>;

/** POST /tasks: one body per way of buying. */
export const CreateTask = z.discriminatedUnion("mode", [CreateContest, CreateTender, CreatePiecework]);
export type CreateTask = z.infer<typeof CreateTask>;

export const PersonRef = z.object({ id: z.string(), displayName: z.string() });

/** What every task shows, whatever its way of buying. */
const TaskBase = z.object({
  id: z.string(),
  status: TaskStatus,
  title: z.string(),
  brief: z.string(),
  categoryId: z.string().nullable(),
  buyerId: z.string(),
  buyer: PersonRef,
  currency: z.literal("CNY"),
  /** What is in the task's escrow account now. */
  escrowMinor: z.number().int(),
  /** What was escrowed at posting (contest: the prize pool). */
  poolMinor: z.number().int(),
  /** The platform's fee, snapshotted when the task was posted (fee rules may change later). */
  feeBps: z.number().int(),
  entryCount: z.number().int(),
  providerCount: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});

/** A contest's own terms (server: the contest mode's presentTerms). */
export const ContestTerms = z.object({
  mode: z.literal("contest"),
  prizesMinor: z.array(z.number().int()),
  submissionDeadline: z.string(),
  selectionEndsAt: z.string().nullable(),
  sealed: z.boolean(),
  guaranteed: z.boolean(),
  /** Every award, by prize then time: a lapsed award stays listed beside the prize's new award. */
  awards: z.array(
    z.object({
      prizeIndex: z.number().int(),
      amountMinor: z.number().int(),
      entryId: z.string(),
      providerId: z.string(),
      status: z.enum(["awarded", "handed_over", "paid", "lapsed"]),
      awardedBy: z.enum(["buyer", "timer"]),
      awardedAt: z.string(),
      /** The winner hands over by then, or the award lapses (null: awarded before deadlines existed). */
      handoverDueAt: z.string().nullable(),
      lapsedAt: z.string().nullable(),
      /** A lapsed award: until then the buyer may award its prize to another provider. */
      reawardEndsAt: z.string().nullable(),
    }),
  ),
  /**
   * Each prize tier's state: `open` (not awarded yet), `awarded` (a winner is handing over or
   * waiting for acceptance), `paid`, `reawardable` (its award lapsed: the buyer may award it again
   * until `reawardEndsAt`), `refunded` (back to the buyer, minus a refundable contest's fail fee).
   */
  prizes: z.array(
    z.object({
      prizeIndex: z.number().int(),
      amountMinor: z.number().int(),
      status: z.enum(["open", "awarded", "paid", "reawardable", "refunded"]),
      reawardEndsAt: z.string().nullable(),
    }),
  ),
});
export type ContestTerms = z.infer<typeof ContestTerms>;

/** A tender's own terms (server: the tender mode's presentTerms). */
export const TenderTerms = z.object({
  mode: z.literal("tender"),
  budgetMinor: z.number().int().nullable(),
  bidDeadline: z.string(),
  /** The buyer may accept a bid until then; an unhired tender is `closed` after it. */
  selectionEndsAt: z.string().nullable(),
  sealedBids: z.boolean(),
  /** Bids not withdrawn: always visible, also when the bids themselves are sealed. */
  bidCount: z.number().int(),
});
export type TenderTerms = z.infer<typeof TenderTerms>;

/** A mode's terms, by `mode` (piecework joins the union with its mode). */
export type TaskTerms = ContestTerms | TenderTerms | PieceworkTerms;

export const ContestTask = TaskBase.extend(ContestTerms.shape).meta({ id: "ContestTask" });
export const TenderTask = TaskBase.extend(TenderTerms.shape).meta({ id: "TenderTask" });
export const PieceworkTask = TaskBase.extend(PieceworkTerms.shape).meta({ id: "PieceworkTask" });

/** A task: the shared fields and its mode's terms, discriminated by `mode`. */
export const Task = z
  .discriminatedUnion("mode", [ContestTask, TenderTask, PieceworkTask])
  .meta({ id: "Task" });
export type Task = z.infer<typeof Task>;
export const TaskResponse = z.object({ task: Task });

export const TaskSort = z.enum(["newest", "prize", "deadline"]);
export const TaskListQuery = ListQuery.extend({
  mode: TaskMode.optional(),
  categoryId: z.string().min(1).max(40).optional(),
  status: TaskStatus.optional(),
  q: z.string().trim().max(100).optional(),
  buyerId: z.uuid().optional(),
  /** Tasks where this provider has entered or bid (for "my entries", "my bids"). */
  providerId: z.uuid().optional(),
  minPrizeMinor: MinorQuery.optional(),
  sort: TaskSort.default("newest"),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export const TaskList = Page(Task);

export const EntryFile = z
  .object({
    id: z.string(),
    name: z.string(),
    mediaType: z.string(),
    byteSize: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** Watermarked images anyone who may see the entry may load. */
    thumbnailUrl: z.string().nullable(),
    previewUrl: z.string().nullable(),
    /** The original: its provider, operators, and the buyer once the prize is paid; otherwise null. */
    originalUrl: z.string().nullable(),
  })
  .meta({ id: "EntryFile" });

export const Originality = z
  .object({
    status: z.enum(["pending", "ok", "flagged"]),
    matches: z.array(
      z.object({
        entryId: z.string(),
        taskId: z.string(),
        /** Image: differing bits of the 64-bit perceptual hash. Text: characters to edit (normalised). */
        distance: z.number().int(),
        submittedAt: z.string(),
        /** What matched (absent on matches recorded before issue 12: an image). */
        kind: z.enum(["image", "text"]).optional(),
        /** Image: correlation of the aligned thumbnails; text: trigram similarity (0–1). */
        similarity: z.number().nullable().optional(),
        /** Image: the earlier picture mirrored. */
        mirrored: z.boolean().optional(),
      }),
    ),
  })
  .nullable();

export const Entry = z
  .object({
    id: z.string(),
    taskId: z.string(),
    providerId: z.string(),
    provider: PersonRef,
    status: EntryStatus,
    text: z.string().nullable(),
    files: z.array(EntryFile),
    /** The buyer's stars; shown to the buyer and operators. */
    rating: z.number().int().nullable(),
    /** Buyer and operators only (absent for others). */
    originality: Originality.optional(),
    award: z
      .object({
        prizeIndex: z.number().int(),
        amountMinor: z.number().int(),
        /** Hand over by then, or the award lapses (null: awarded before deadlines existed). */
        handoverDueAt: z.string().nullable(),
        lapsedAt: z.string().nullable(),
      })
      .nullable(),
    handover: z.object({ text: z.string().nullable(), files: z.array(EntryFile), at: z.string() }).nullable(),
    submittedAt: z.string(),
    paidAt: z.string().nullable(),
    /** A rejected entry (a piece the buyer refused): why and when — its author and the buyer only. */
    rejection: z.object({ reason: z.string(), at: z.string() }).nullable().optional(),
  })
  .meta({ id: "Entry" });
export type Entry = z.infer<typeof Entry>;
export const EntryResponse = z.object({ entry: Entry });
export const EntryList = z.object({
  items: z.array(Entry),
  nextCursor: z.string().nullable(),
  /** Always visible, also when the entries themselves are sealed. */
  counts: z.object({ entries: z.number().int(), providers: z.number().int() }),
  /** Whether the list is limited by the sealed rules for this caller. */
  sealed: z.boolean(),
});

export const SubmitEntryJson = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const HandoverJson = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const RateEntry = z.object({ stars: z.number().int().min(1).max(5) }).strict();
export const AwardPrizes = z
  .object({
    awards: z
      .array(
        z
          .object({
            entryId: z.uuid(),
            prizeIndex: z
              .number()
              .int()
              .min(0)
              .max(MAX_PRIZES - 1),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_PRIZES),
  })
  .strict();
export type AwardPrizes = z.infer<typeof AwardPrizes>;
export const EntryListQuery = ListQuery;
