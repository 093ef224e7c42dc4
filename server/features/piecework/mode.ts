// The piece-rate task as a TaskMode (tasks/task-mode.ts): app.ts puts it in the table of modes; the
// shared task routes (post, cancel, entries, accept, reject) reach piecework only through it.
// Registers the piece-rate audit checks.

import { sql } from "kysely";
import type { CreatePiecework, PieceworkTerms } from "../../../contracts/piecework.ts";
import { AppError } from "../../core/errors.ts";
import type { TaskMode } from "../tasks/task-mode.ts";
import { acceptPiece } from "./accept-piece.ts";
import { cancelPiecework } from "./cancel-piecework.ts";
import { livePiecesOf } from "./piecework.queries.ts";
import { postPiecework } from "./post-piecework.ts";
import { rejectPiece } from "./reject-piece.ts";
import "./piecework.audit.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

export const pieceworkMode: TaskMode = {
  mode: "piecework",
  post: (tx, buyerId, input, deps) => postPiecework(tx, buyerId, input as CreatePiecework, deps),
  cancel: (tx, buyerId, task, deps) => cancelPiecework(tx, buyerId, task, deps),
  async assertAcceptsEntry(task, now, from) {
    if (task.status !== "open" || new Date(task.deadline_at).getTime() <= now.getTime()) {
      throw new AppError(
        "invalid_transition",
        task.status === "completed"
          ? "Every piece of this task is paid: it takes no more pieces"
          : "This task takes no more pieces",
        { status: task.status },
      );
    }
    if (!from) return;
    // Two pieces of one provider sent at once: the second waits for the first's transaction (the
    // task row is only share-locked by submissions), so the count below cannot be raced past.
    if (from.inTransaction) {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`piece:${task.id}:${from.providerId}`}))`.execute(
        from.q,
      );
    }
    const { rows } = await sql<{ max_per_provider: number }>`
      SELECT max_per_provider FROM piecework_terms WHERE task_id = ${task.id}`.execute(from.q);
    const max = rows[0]?.max_per_provider ?? 1;
    const live = await livePiecesOf(from.q, task.id, from.providerId);
    if (live >= max) {
      throw new AppError(
        "conflict",
        `You already have ${live} piece(s) here that are not rejected (at most ${max} per provider)`,
        { maxPerProvider: max, pieces: live },
      );
    }
  },
  acceptEntry: (tx, buyer, entryId, deps) => acceptPiece(tx, buyer, entryId, deps),
  rejectEntry: (tx, buyer, entryId, reason, deps) => rejectPiece(tx, buyer, entryId, { reason }, deps),
  presentTerms: (r): PieceworkTerms => {
    const t = r.piece_terms;
    return {
      mode: "piecework",
      unitPriceMinor: Number(t?.unitPriceMinor ?? 0),
      quantity: t?.quantity ?? 0,
      maxPerProvider: t?.maxPerProvider ?? 1,
      deadline: iso(r.deadline_at),
      reviewEndsAt: t?.reviewEndsAt ? iso(t.reviewEndsAt) : null,
      pieces: { paid: t?.paid ?? 0, waiting: t?.waiting ?? 0, rejected: t?.rejected ?? 0 },
    };
  },
};
