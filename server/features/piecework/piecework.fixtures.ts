// What the piece-rate tests share: posting a task, sending a piece, the buyer's decisions, the
// audit — all through HTTP, as a client would.
import assert from "node:assert/strict";
import type { TestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { call, key } from "../../../test/helpers/http.ts";
import { ledgerAudit } from "../../../test/helpers/money.ts";

export function pieceworkBody(deadline: Date, overrides: Record<string, unknown> = {}) {
  return {
    mode: "piecework",
    title: "口号 × 4 · Four slogans",
    brief: "A short slogan for a tea shop, at most 12 characters.",
    unitPriceMinor: 5_000,
    quantity: 4,
    deadline: deadline.toISOString(),
    ...overrides,
  };
}

export async function postPiecework(t: TestApp, buyer: SignedUp, body: Record<string, unknown>) {
  const res = await call(t, buyer, "POST", "/tasks", body, { "idempotency-key": key() });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().task;
}

export async function sendPiece(t: TestApp, provider: SignedUp, taskId: string, text: string) {
  const res = await call(t, provider, "POST", `/tasks/${taskId}/entries`, { text });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().entry as { id: string; status: string };
}

export const accept = (t: TestApp, who: SignedUp | undefined, entryId: string, idem = key()) =>
  call(t, who, "POST", `/entries/${entryId}/accept`, undefined, { "idempotency-key": idem });

export const reject = (t: TestApp, who: SignedUp | undefined, entryId: string, reason: string) =>
  call(t, who, "POST", `/entries/${entryId}/reject`, { reason });

export const taskOf = async (t: TestApp, taskId: string) =>
  (await call(t, undefined, "GET", `/tasks/${taskId}`)).json().task;

/** GET /admin/ledger/audit as an operator: every check passes (the piece-rate ones among them). */
export async function audit(t: TestApp): Promise<void> {
  await ledgerAudit(t, "piecework_escrow_matches_owed");
}
