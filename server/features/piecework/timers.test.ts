// The piece-rate timers as real durable jobs (short durations, the real clock, the app's workers):
// piecework.deadline stops the pieces at the deadline, piecework.review-end accepts the waiting one
// TIMER_PIECE_REVIEW later and refunds the rest — nobody calls a handler by hand here.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { audit, pieceworkBody, postPiecework, sendPiece, taskOf } from "./piecework.fixtures.ts";

const t = await startTestApp({
  workers: true,
  env: { TIMER_PIECE_REVIEW: "PT2S", PLATFORM_FEE_BPS: "1000", CONTEST_MIN_SUBMISSION_PERIOD: "PT1S" },
});
after(() => t.close());

test("deadline → in review → the waiting piece accepted and the rest refunded, by the workers", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 10_000);
  const task = await postPiecework(t, buyer, pieceworkBody(new Date(Date.now() + 6_000), { quantity: 2 }));
  await sendPiece(t, provider, task.id, "just in time");
  const inReview = await waitFor(
    () => taskOf(t, task.id),
    (x) => x.status === "selecting",
    40_000,
  );
  assert.ok(inReview.reviewEndsAt);
  const done = await waitFor(
    () => taskOf(t, task.id),
    (x) => x.status === "completed",
    40_000,
  );
  assert.deepEqual(done.pieces, { paid: 1, waiting: 0, rejected: 0 });
  assert.equal(done.escrowMinor, 0);
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 4_500 }));
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 5_000 }));
  await audit(t);
});
