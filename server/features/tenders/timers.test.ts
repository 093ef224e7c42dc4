// The tender's timer as a real durable job (short durations here): an unhired tender is closed by
// tenders.selection-end once TIMER_TENDER_SELECTION has passed after its bid deadline, its waiting
// bids declined; a hired one is left alone.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { sql } from "kysely";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, key } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { systemClock } from "../../core/clock.ts";
import { placeBid, postTender, tenderOf } from "./tenders.fixtures.ts";

const t = await startTestApp({
  env: { CONTEST_MIN_SUBMISSION_PERIOD: "PT1S", TIMER_TENDER_SELECTION: "PT2S" },
  workers: true,
});
after(() => t.close());

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

test("unhired: closed by the job after the selection period; hired: left alone", async () => {
  const buyer = await signUp(t.app);
  const [a, b] = [await signUp(t.app), await signUp(t.app)];
  await fund(t, buyer, 100_000);
  // Room for the two bids on a loaded machine (3 s was sometimes over before they arrived: 409).
  const unhired = await postTender(t, systemClock, buyer, { bidDeadline: inFuture(8_000) });
  const hired = await postTender(t, systemClock, buyer, { bidDeadline: inFuture(8_000) });
  const bid = await placeBid(t, a, unhired.id, [100_000]);
  const winner = await placeBid(t, b, hired.id, [100_000]);
  const res = await call(t, buyer, "POST", `/bids/${winner.id}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(res.statusCode, 201, res.body);

  const closed = await waitFor(
    () => tenderOf(t, unhired.id),
    (x) => x.status === "closed",
    40_000,
  );
  assert.ok(Date.now() >= new Date(closed.selectionEndsAt as string).getTime());
  assert.equal((await call(t, a, "GET", `/bids/${bid.id}`)).json().bid.status, "declined");
  // The hired tender's job ran too (same period) and changed nothing.
  await waitFor(
    async () =>
      (
        await sql<{ state: string }>`
          SELECT state FROM pgboss.job
          WHERE name = 'tenders.selection-end' AND data->>'taskId' = ${hired.id}`.execute(t.db)
      ).rows[0]?.state,
    (state) => state === "completed",
    40_000,
  );
  assert.equal((await tenderOf(t, hired.id)).status, "hired");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ inEscrowMinor: 100_000 }));
});
