// Issue 5, must-show 2: bad input and abuse are refused in the one error shape and nothing moves —
// no funds (402), bad prizes, bad deadlines, the buyer entering their own contest, a non-buyer
// awarding, two prizes to one provider, a fake PNG, an SVG with script, an oversized file — and
// replayed create/award/accept requests move money once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key, multipart } from "../../../test/helpers/http.ts";
import { exactWallet, fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import {
  audit,
  contestBody,
  enterImage,
  enterText,
  inFuture,
  logoPng,
  postContest,
} from "./contests.fixtures.ts";

let t: TestApp;
before(async () => {
  // Default timers: the shortest submission period is a day.
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

async function taskCount() {
  const row = await t.db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("posting", () => {
  test("a wallet that does not cover the pool → 402, and no task, no escrow, no money moved", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 100_000);
    const before = await taskCount();
    const res = await call(t, buyer, "POST", "/tasks", contestBody(), { "idempotency-key": key() });
    expectError(res, 402, "insufficient_funds");
    assert.deepEqual(res.json().error.details, {
      availableMinor: 100_000,
      requiredMinor: 250_000,
      shortMinor: 150_000,
    });
    assert.equal(await taskCount(), before);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100_000 }));
    const none = await call(t, await signUp(t.app), "POST", "/tasks", contestBody());
    expectError(none, 402, "insufficient_funds");
    await audit(t);
  });

  test("prizes that are floats, negative, zero, strings, empty, rising or too large → 400", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 1_000_000);
    const before = await taskCount();
    const bad: unknown[] = [
      [1500.5],
      [-100],
      [0],
      ["200000"],
      [],
      null,
      "200000",
      [1e12 + 1],
      [1e300],
      [50_000, 200_000],
      [true],
      Array.from({ length: 21 }, () => 100),
      [900_000_000_000, 900_000_000_000],
    ];
    for (const prizesMinor of bad) {
      const res = await call(t, buyer, "POST", "/tasks", contestBody({ prizesMinor }));
      expectError(res, 400, "invalid_input");
    }
    const missing = await call(t, buyer, "POST", "/tasks", { ...contestBody(), prizesMinor: undefined });
    expectError(missing, 400, "invalid_input");
    assert.equal(await taskCount(), before);
    assert.equal((await wallet(t, buyer)).availableMinor, 1_000_000);
  });

  test("deadlines in the past, too soon, too far or not a date → 400; unknown category, mode or field → 400", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 1_000_000);
    const before = await taskCount();
    for (const submissionDeadline of [
      inFuture(-60_000),
      "2020-01-01T00:00:00Z",
      inFuture(3_600_000),
      inFuture(31 * 86_400_000),
      "tomorrow",
      "2026-13-45T00:00:00Z",
      1234567890,
    ]) {
      const res = await call(t, buyer, "POST", "/tasks", contestBody({ submissionDeadline }));
      expectError(res, 400, "invalid_input");
    }
    for (const body of [
      contestBody({ categoryId: "no-such-category" }),
      contestBody({ mode: "auction" }),
      contestBody({ title: "" }),
      contestBody({ title: "x".repeat(121) }),
      contestBody({ brief: "   " }),
      contestBody({ sealed: "yes" }),
      contestBody({ surprise: 1 }),
    ]) {
      expectError(await call(t, buyer, "POST", "/tasks", body), 400, "invalid_input");
    }
    const badJson = await call(t, buyer, "POST", "/tasks", "{not json", {
      "content-type": "application/json",
    });
    expectError(badJson, 400, "invalid_input");
    assert.equal(await taskCount(), before);
    assert.equal((await wallet(t, buyer)).availableMinor, 1_000_000);
    // The edges are fine: a day and thirty days.
    await postContest(t, buyer, { submissionDeadline: inFuture(86_400_000 + 5_000), prizesMinor: [1000] });
    await postContest(t, buyer, { submissionDeadline: inFuture(30 * 86_400_000), prizesMinor: [1000] });
  });

  test("a replayed create moves the pool once; the same key with another body → 422", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 600_000);
    const k = key();
    const body = contestBody();
    const first = await call(t, buyer, "POST", "/tasks", body, { "idempotency-key": k });
    assert.equal(first.statusCode, 201, first.body);
    const again = await call(t, buyer, "POST", "/tasks", body, { "idempotency-key": k });
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers["idempotent-replayed"], "true");
    assert.equal(again.json().task.id, first.json().task.id);
    const other = await call(
      t,
      buyer,
      "POST",
      "/tasks",
      { ...body, title: "Another" },
      { "idempotency-key": k },
    );
    expectError(other, 422, "idempotency_mismatch");
    // Concurrent duplicates: one contest, one escrow.
    const k2 = key();
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => call(t, buyer, "POST", "/tasks", body, { "idempotency-key": k2 })),
    );
    const created = new Set(burst.filter((r) => r.statusCode === 201).map((r) => r.json().task.id));
    assert.ok(created.size <= 1, "at most one contest for one key");
    for (const r of burst) assert.ok([201, 409].includes(r.statusCode), r.body);
    const w = await wallet(t, buyer);
    assert.equal(w.inEscrowMinor, 250_000 * (1 + created.size));
    assert.equal(w.availableMinor, 600_000 - w.inEscrowMinor);
    await audit(t);
  });
});

describe("entries", () => {
  test("the buyer cannot enter their own contest; nobody can after it closed; empty entries → 400", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const task = await postContest(t, buyer);
    expectError(
      await call(t, buyer, "POST", `/tasks/${task.id}/entries`, { text: "mine" }),
      403,
      "forbidden",
    );
    const asBuyer = await multipart(t, buyer, `/tasks/${task.id}/entries`, [
      { name: "files", value: await logoPng(3), filename: "x.png" },
    ]);
    expectError(asBuyer, 403, "forbidden");
    const provider = await signUp(t.app);
    expectError(
      await call(t, undefined, "POST", `/tasks/${task.id}/entries`, { text: "anon" }),
      401,
      "unauthenticated",
    );
    expectError(
      await call(t, provider, "POST", `/tasks/${task.id}/entries`, { text: "" }),
      400,
      "invalid_input",
    );
    expectError(await call(t, provider, "POST", `/tasks/${task.id}/entries`, {}), 400, "invalid_input");
    expectError(
      await call(t, provider, "POST", `/tasks/${task.id}/entries`, { text: 5 }),
      400,
      "invalid_input",
    );
    expectError(
      await multipart(t, provider, `/tasks/${task.id}/entries`, [{ name: "note", value: "hi" }]),
      400,
      "invalid_input",
    );
    expectError(await multipart(t, provider, `/tasks/${task.id}/entries`, []), 400, "invalid_input");
    expectError(
      await call(t, provider, "POST", "/tasks/not-a-uuid/entries", { text: "x" }),
      404,
      "not_found",
    );
    expectError(
      await call(t, provider, "POST", "/tasks/00000000-0000-4000-8000-000000000000/entries", { text: "x" }),
      404,
      "not_found",
    );
    const count = await t.db.selectFrom("entries").select("id").where("task_id", "=", task.id).execute();
    assert.equal(count.length, 0);
  });

  test("a fake PNG → 415, an SVG with script → 415, an oversized file → 413; nothing is recorded", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const task = await postContest(t, buyer);
    const provider = await signUp(t.app);
    const url = `/tasks/${task.id}/entries`;
    const fake = await multipart(t, provider, url, [
      { name: "text", value: "my logo" },
      {
        name: "files",
        value: Buffer.from("<html><script>alert(1)</script></html>"),
        filename: "logo.png",
        type: "image/png",
      },
    ]);
    expectError(fake, 415, "unsupported_media_type");
    const svg = await multipart(t, provider, url, [
      {
        name: "files",
        value: Buffer.from(
          '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
        ),
        filename: "logo.svg",
        type: "image/svg+xml",
      },
    ]);
    expectError(svg, 415, "unsupported_media_type");
    const huge = Buffer.concat([await logoPng(1), Buffer.alloc(21 * 1024 * 1024)]);
    const big = await multipart(t, provider, url, [
      { name: "files", value: huge, filename: "huge.png", type: "image/png" },
    ]);
    expectError(big, 413, "payload_too_large");
    const damaged = (await logoPng(2)).subarray(0, 200);
    expectError(
      await multipart(t, provider, url, [{ name: "files", value: damaged, filename: "cut.png" }]),
      400,
      "invalid_input",
    );
    const entries = await t.db.selectFrom("entries").select("id").where("task_id", "=", task.id).execute();
    assert.equal(entries.length, 0);
    const files = await t.db
      .selectFrom("files")
      .select("id")
      .where("uploader_id", "=", provider.user.id)
      .execute();
    assert.equal(files.length, 0);
    // The server is still well.
    await enterImage(t, provider, task.id, await logoPng(5));
  });
});

describe("judging and paying", () => {
  async function contestWithEntries() {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const task = await postContest(t, buyer);
    const p1 = await signUp(t.app);
    const p2 = await signUp(t.app);
    const e1 = await enterText(t, p1, task.id, "Slogan one");
    const e1b = await enterText(t, p1, task.id, "Slogan one, again");
    const e2 = await enterText(t, p2, task.id, "Slogan two");
    return { buyer, task, p1, p2, e1, e1b, e2 };
  }

  test("a non-buyer cannot rate or award; bad stars → 400", async () => {
    const { task, p1, e1, e2, buyer } = await contestWithEntries();
    const awards = {
      awards: [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 1 },
      ],
    };
    expectError(await call(t, p1, "POST", `/tasks/${task.id}/awards`, awards), 403, "forbidden");
    expectError(await call(t, undefined, "POST", `/tasks/${task.id}/awards`, awards), 401, "unauthenticated");
    expectError(
      await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/awards`, awards),
      403,
      "forbidden",
    );
    expectError(await call(t, p1, "POST", `/entries/${e1.id}/rating`, { stars: 5 }), 403, "forbidden");
    // A stranger does not learn that a sealed entry exists.
    expectError(
      await call(t, await signUp(t.app), "POST", `/entries/${e1.id}/rating`, { stars: 5 }),
      404,
      "not_found",
    );
    for (const stars of [0, 6, 3.5, "5", null]) {
      expectError(await call(t, buyer, "POST", `/entries/${e1.id}/rating`, { stars }), 400, "invalid_input");
    }
    const detail = (await call(t, undefined, "GET", `/tasks/${task.id}`)).json().task;
    assert.equal(detail.status, "open");
    assert.deepEqual(detail.awards, []);
  });

  test("two prizes to one provider, unknown tiers or entries, incomplete guaranteed awards → 400; nothing moves", async () => {
    const { buyer, task, e1, e1b, e2 } = await contestWithEntries();
    const url = `/tasks/${task.id}/awards`;
    const cases = [
      [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e1b.id, prizeIndex: 1 },
      ],
      [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 2 },
      ],
      [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 0 },
      ],
      [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e1.id, prizeIndex: 1 },
      ],
      [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: "00000000-0000-4000-8000-000000000000", prizeIndex: 1 },
      ],
      [{ entryId: e1.id, prizeIndex: 0 }],
      [{ entryId: e1.id, prizeIndex: -1 }],
      [{ entryId: "nope", prizeIndex: 0 }],
      [],
    ];
    for (const awards of cases) {
      expectError(await call(t, buyer, "POST", url, { awards }), 400, "invalid_input");
    }
    const detail = (await call(t, undefined, "GET", `/tasks/${task.id}`)).json().task;
    assert.equal(detail.status, "open");
    assert.equal(detail.escrowMinor, 250_000);
    assert.equal(
      (await t.db.selectFrom("awards").selectAll().where("task_id", "=", task.id).execute()).length,
      0,
    );
  });

  test("replayed award and accept move money once; out-of-order steps → 409 invalid_transition", async () => {
    const { buyer, task, p1, p2, e1, e2 } = await contestWithEntries();
    const revenue = await platformRevenue(t);
    const awards = {
      awards: [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 1 },
      ],
    };
    // Accepting before the handover, handing over before the award.
    expectError(await call(t, buyer, "POST", `/entries/${e1.id}/accept`), 409, "invalid_transition");
    expectError(
      await call(t, p1, "POST", `/entries/${e1.id}/handover`, { text: "x" }),
      409,
      "invalid_transition",
    );
    const k = key();
    const first = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards, { "idempotency-key": k });
    assert.equal(first.statusCode, 200, first.body);
    const replay = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards, { "idempotency-key": k });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.headers["idempotent-replayed"], "true");
    // A second award without the key is a second request: the contest is already awarded.
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards), 409, "invalid_transition");
    // Only the winner hands over (p2 may not even see p1's sealed entry: 404); the buyer cannot
    // cancel an awarded contest.
    expectError(
      await call(t, p2, "POST", `/entries/${e1.id}/handover`, { text: "mine now" }),
      404,
      "not_found",
    );
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
    assert.equal(
      (await call(t, p1, "POST", `/entries/${e1.id}/handover`, { text: "final" })).statusCode,
      200,
    );
    expectError(
      await call(t, p1, "POST", `/entries/${e1.id}/handover`, { text: "again" }),
      409,
      "invalid_transition",
    );
    expectError(await call(t, p1, "POST", `/entries/${e1.id}/accept`), 403, "forbidden");
    const ak = key();
    const accepts = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(t, buyer, "POST", `/entries/${e1.id}/accept`, undefined, { "idempotency-key": ak }),
      ),
    );
    for (const r of accepts) assert.ok([200, 409].includes(r.statusCode), r.body);
    const again = await call(t, buyer, "POST", `/entries/${e1.id}/accept`, undefined, {
      "idempotency-key": ak,
    });
    assert.equal(again.statusCode, 200);
    expectError(await call(t, buyer, "POST", `/entries/${e1.id}/accept`), 409, "invalid_transition");
    assert.equal((await wallet(t, p1)).availableMinor, 180_000);
    assert.equal((await platformRevenue(t)) - revenue, 20_000);
    const detail = (await call(t, undefined, "GET", `/tasks/${task.id}`)).json().task;
    assert.equal(detail.status, "awarded");
    assert.equal(detail.escrowMinor, 50_000, "the runner-up's prize is still owed");
    await audit(t);
  });

  test("a handover may carry an SVG source (with script), but it is only ever a download, after payment", async () => {
    const { buyer, task, p1, p2, e1, e2 } = await contestWithEntries();
    const awards = {
      awards: [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 1 },
      ],
    };
    assert.equal((await call(t, buyer, "POST", `/tasks/${task.id}/awards`, awards)).statusCode, 200);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
    );
    const ho = await multipart(t, p1, `/entries/${e1.id}/handover`, [
      { name: "files", value: svg, filename: "logo.svg", type: "image/svg+xml" },
    ]);
    assert.equal(ho.statusCode, 200, ho.body);
    const file = ho.json().entry.handover.files[0];
    assert.equal(file.mediaType, "image/svg+xml");
    assert.equal(file.previewUrl, null);
    expectError(await call(t, buyer, "GET", file.originalUrl), 403, "forbidden");
    assert.equal((await call(t, buyer, "POST", `/entries/${e1.id}/accept`)).statusCode, 200);
    const res = await call(t, buyer, "GET", file.originalUrl);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "application/octet-stream");
    assert.match(String(res.headers["content-disposition"]), /^attachment/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    // An empty handover, or one by someone else, is refused.
    expectError(await call(t, p2, "POST", `/entries/${e2.id}/handover`, {}), 400, "invalid_input");
    expectError(await multipart(t, p2, `/entries/${e2.id}/handover`, []), 400, "invalid_input");
  });

  test("cancel: only the buyer, only an open contest without entries (full refund)", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const task = await postContest(t, buyer);
    expectError(await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/cancel`), 403, "forbidden");
    const res = await call(t, buyer, "POST", `/tasks/${task.id}/cancel`, undefined, {
      "idempotency-key": key(),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.status, "cancelled");
    assert.equal(res.json().task.escrowMinor, 0);
    assert.equal((await wallet(t, buyer)).availableMinor, 250_000);
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
    const { buyer: b2, task: t2 } = await contestWithEntries();
    expectError(await call(t, b2, "POST", `/tasks/${t2.id}/cancel`), 409, "invalid_transition");
    await audit(t);
  });
});
