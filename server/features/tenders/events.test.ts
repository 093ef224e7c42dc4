// A tender's journey in the audit log: every step is a domain event (tender.posted, bid.submitted,
// bid.withdrawn, bid.accepted, bid.declined, tender.hired) that the audit consumer records with its
// actor, after commit — and a refused hire (402) records nothing.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { systemClock } from "../../core/clock.ts";
import { placeBid, postTender } from "./tenders.fixtures.ts";

const t = await startTestApp({ workers: true });
after(() => t.close());

test("each step of a tender is an audited event, with who did it", async () => {
  const operator = await signUpOperator(t.app, t);
  const buyer = await signUp(t.app);
  const [a, b, c] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
  const task = await postTender(t, systemClock, buyer);
  const bidA = await placeBid(t, a, task.id, [50_000, 50_000]);
  const bidB = await placeBid(t, b, task.id, [80_000]);
  const bidC = await placeBid(t, c, task.id, [90_000]);
  assert.equal((await call(t, c, "POST", `/bids/${bidC.id}/withdraw`)).statusCode, 200);
  expectError(
    await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, { "idempotency-key": key() }),
    402,
    "insufficient_funds",
  );
  await fund(t, buyer, 50_000);
  const hired = await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(hired.statusCode, 201, hired.body);

  const expected: [string, string, string][] = [
    ["tender.posted", task.id, buyer.user.id],
    ["bid.submitted", bidA.id, a.user.id],
    ["bid.submitted", bidB.id, b.user.id],
    ["bid.submitted", bidC.id, c.user.id],
    ["bid.withdrawn", bidC.id, c.user.id],
    ["bid.accepted", bidA.id, buyer.user.id],
    ["bid.declined", bidB.id, buyer.user.id],
    ["tender.hired", task.id, buyer.user.id],
  ];
  const ours = new Set([task.id, bidA.id, bidB.id, bidC.id]);
  const logged = await waitFor(
    async () => {
      const res = await call(t, operator, "GET", "/admin/audit?limit=100");
      assert.equal(res.statusCode, 200, res.body);
      return (
        res.json().items as { action: string; subject: { id: string }; actorAccountId: string | null }[]
      )
        .filter((e) => ours.has(e.subject?.id))
        .map((e) => [e.action, e.subject.id, e.actorAccountId] as [string, string, string | null]);
    },
    (rows) => rows.length >= expected.length,
    20_000,
  );
  assert.deepEqual(
    [...logged].sort((x, y) => x.join().localeCompare(y.join())),
    [...expected].sort((x, y) => x.join().localeCompare(y.join())),
  );
});
