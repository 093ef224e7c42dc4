import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { createTestDatabase } from "../../test/helpers/db.ts";
import { systemActor } from "../core/actor.ts";
import { appendEvent, type DomainEvent } from "../core/events.ts";
import { inTransaction } from "../core/transaction.ts";
import { drainConsumer, type EventConsumer, startEventConsumers } from "./event-consumers.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.drop());

const seen: DomainEvent[] = [];
let failOn: string | null = null;
let name = "";
const consumer = (): EventConsumer => ({
  name,
  types: ["thing.happened"],
  handle: async (tx, event) => {
    if (event.data.label === failOn) {
      failOn = null;
      throw new Error(`cannot handle ${event.data.label}`);
    }
    // A database effect of the handler: kept iff the delivery is kept.
    await tx
      .insertInto("audit_events")
      .values({ action: `test.${name}`, subject_type: "thing", subject_id: String(event.data.label) })
      .execute();
    seen.push(event);
  },
});
let n = 0;
let baseline = 0;
beforeEach(async () => {
  name = `test_${String.fromCharCode(97 + n++)}`;
  // A new consumer first gets every event from before it existed; the tests start after those.
  await drainConsumer(database.db, consumer());
  seen.length = 0;
  baseline = (await allEffects()).length;
});

const emit = (label: string, type = "thing.happened", subjectId = "t1") =>
  inTransaction(database.db, (tx) =>
    appendEvent(tx, {
      subject: { type: "thing", id: subjectId },
      type,
      data: { label },
      actor: systemActor("test"),
      at: new Date(),
    }),
  );
const labels = () => seen.map((e) => e.data.label);
const effects = async () => (await allEffects()).slice(baseline);
const allEffects = async () =>
  (
    await database.db
      .selectFrom("audit_events")
      .select("subject_id")
      .where("action", "=", `test.${name}`)
      .orderBy("id")
      .execute()
  ).map((r) => r.subject_id);

describe("event consumers", () => {
  test("each event of its types once, in id order; other types never", async () => {
    await emit("a");
    await emit("x", "thing.ignored");
    await emit("b");
    assert.equal(await drainConsumer(database.db, consumer()), 2);
    await emit("c");
    assert.equal(await drainConsumer(database.db, consumer()), 1);
    assert.equal(await drainConsumer(database.db, consumer()), 0);
    assert.deepEqual(labels(), ["a", "b", "c"]);
    assert.deepEqual(await effects(), ["a", "b", "c"]);
  });

  test("a lower id that commits late is delivered, not skipped (sequence order ≠ commit order)", async () => {
    const slow = await database.pool.connect();
    try {
      await slow.query("BEGIN");
      // Takes the lower id, commits last.
      await slow.query(
        `INSERT INTO domain_events (subject_type, subject_id, type, data, actor, occurred_at)
         VALUES ('thing', 't2', 'thing.happened', '{"label":"late"}', 'system:test', now())`,
      );
      await emit("early", "thing.happened", "t3");
      assert.equal(await drainConsumer(database.db, consumer()), 1);
      assert.deepEqual(labels(), ["early"]);
      await slow.query("COMMIT");
    } finally {
      slow.release();
    }
    assert.equal(await drainConsumer(database.db, consumer()), 1);
    assert.deepEqual(labels(), ["early", "late"]);
    assert.equal(await drainConsumer(database.db, consumer()), 0);
    // A rolled-back event is never delivered, and does not hold the consumer back.
    const aborted = await database.pool.connect();
    try {
      await aborted.query("BEGIN");
      await aborted.query(
        `INSERT INTO domain_events (subject_type, subject_id, type, data, actor, occurred_at)
         VALUES ('thing', 't4', 'thing.happened', '{"label":"never"}', 'system:test', now())`,
      );
      await aborted.query("ROLLBACK");
    } finally {
      aborted.release();
    }
    await emit("after");
    assert.equal(await drainConsumer(database.db, consumer()), 1);
    assert.deepEqual(labels(), ["early", "late", "after"]);
    // The horizon moved past everything delivered: the delivery rows are pruned.
    const { horizon } = await database.db
      .selectFrom("event_consumers")
      .select("horizon")
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    assert.ok(BigInt(horizon) > 0n);
  });

  test("a failing handler keeps nothing of its batch; the retry delivers each event once, in order", async () => {
    await emit("p");
    await emit("q");
    await emit("r");
    failOn = "q";
    await assert.rejects(drainConsumer(database.db, consumer()), /cannot handle q/);
    assert.deepEqual(await effects(), []);
    await drainConsumer(database.db, consumer());
    assert.deepEqual(labels().slice(-3), ["p", "q", "r"]);
    assert.deepEqual(await effects(), ["p", "q", "r"]);
  });

  test("the dispatcher is woken by the commit's NOTIFY (and retries a failure)", async () => {
    const logged: string[] = [];
    const c = consumer();
    const dispatcher = await startEventConsumers(database.db, [c], {
      connectionString: database.url,
      log: (m) => logged.push(m),
      pollMs: 60_000, // only the NOTIFY (or the retry) can wake it in this test
    });
    try {
      failOn = "n1";
      await emit("n1");
      await emit("n2");
      for (let i = 0; i < 400 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
      dispatcher.wake(); // the retry after the backoff, without waiting for it
      for (let i = 0; i < 400 && seen.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 25));
        dispatcher.wake();
      }
      assert.deepEqual(labels(), ["n1", "n2"]);
      assert.deepEqual(await effects(), ["n1", "n2"]);
    } finally {
      await dispatcher.stop();
    }
  });
});
