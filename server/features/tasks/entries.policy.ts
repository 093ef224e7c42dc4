// Who may see what of a task's entries (PRODUCT.md "Trust and fairness", API.md GET /tasks/:id/entries):
//   - sealed task (the default): the buyer sees every entry, a provider only their own, everyone
//     else only the counts; an open (unsealed) task shows every entry's watermarked work to all;
//   - the originality evidence and the buyer's stars: the buyer and operators only;
//   - an original file: its provider, and the buyer once the prize is paid (the handover);
//     operators too (moderation, disputes). Everyone else gets a watermarked thumbnail and preview;
//   - the handover (final text and files): its author, the buyer, operators — never the public or
//     other providers, sealed or not (it is what the buyer pays for).
import type { Actor } from "../../core/actor.ts";
import { isOperator } from "../../core/actor.ts";

export type TaskForPolicy = Readonly<{ buyer_id: string; sealed: boolean }>;
export type EntryForPolicy = Readonly<{ provider_id: string; status: string }>;

const accountOf = (actor: Actor) => (actor.kind === "account" ? actor.accountId : undefined);

export const isBuyer = (task: TaskForPolicy, actor: Actor) => accountOf(actor) === task.buyer_id;

/** "all": every entry; "own": the caller's own entries only; "none": counts only. */
export function entryVisibility(task: TaskForPolicy, actor: Actor): "all" | "own" | "none" {
  if (isOperator(actor) || isBuyer(task, actor) || !task.sealed) return "all";
  return actor.kind === "account" ? "own" : "none";
}

export function canSeeEntry(task: TaskForPolicy, entry: EntryForPolicy, actor: Actor): boolean {
  const v = entryVisibility(task, actor);
  return v === "all" || (v === "own" && accountOf(actor) === entry.provider_id);
}

/** Originality flags and ratings are the buyer's (and operators') tools, not public. */
export function canSeeJudging(task: TaskForPolicy, actor: Actor): boolean {
  return isOperator(actor) || isBuyer(task, actor);
}

export function canSeeOriginal(task: TaskForPolicy, entry: EntryForPolicy, actor: Actor): boolean {
  if (isOperator(actor) || accountOf(actor) === entry.provider_id) return true;
  return isBuyer(task, actor) && entry.status === "paid";
}

/** The handover (final text and files): the entry's author, the buyer (to accept it), operators. */
export function canSeeHandover(task: TaskForPolicy, entry: EntryForPolicy, actor: Actor): boolean {
  return isOperator(actor) || isBuyer(task, actor) || accountOf(actor) === entry.provider_id;
}
