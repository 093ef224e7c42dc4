// The tender as a TaskMode (tasks/task-mode.ts): app.ts puts it in the table of modes beside the
// contest, and the shared task routes (POST /tasks, cancel, the listing and detail) reach tenders
// only through it. A tender takes bids (tenders.routes.ts), never entries.
import type { CreateTender, TenderTerms } from "../../../contracts/tasks.ts";
import { AppError } from "../../core/errors.ts";
import type { TaskMode } from "../tasks/task-mode.ts";
import { cancelTender } from "./cancel-tender.ts";
import { postTender } from "./post-tender.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

export const tenderMode: TaskMode = {
  mode: "tender",
  post: (tx, buyerId, input, deps) => postTender(tx, buyerId, input as CreateTender, deps),
  cancel: (tx, buyerId, task, deps) => cancelTender(tx, buyerId, task, deps),
  assertAcceptsEntry() {
    throw new AppError("invalid_transition", "A tender takes bids (POST /tasks/:id/bids), not entries", {
      mode: "tender",
    });
  },
  presentTerms: (r): TenderTerms => ({
    mode: "tender",
    budgetMinor: r.tender?.budgetMinor == null ? null : Number(r.tender.budgetMinor),
    bidDeadline: iso(r.deadline_at),
    selectionEndsAt: r.selection_ends_at ? iso(r.selection_ends_at) : null,
    sealedBids: r.sealed,
    bidCount: Number(r.tender?.bidCount ?? 0),
  }),
};
