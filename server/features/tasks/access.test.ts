// The access matrix (test/helpers/access.ts) for every task and contest route: anonymous, a
// stranger, the owner (the buyer who posted the contest) and an operator, each on a fresh contest.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { assertAccess } from "../../../test/helpers/access.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import {
  call,
  contestBody,
  enterImage,
  fund,
  key,
  logoPng,
  postContest,
  signUp,
} from "../contests/contests.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

/** The id of a contest `owner` has just funded and posted (no entries yet). */
async function fundedContestId(owner: SignedUp): Promise<string> {
  await fund(t, owner, 250_000);
  return (await postContest(t, owner)).id;
}

/** A funded contest of `owner` with one image entry by another provider. */
async function contestWithEntry(owner: SignedUp) {
  await fund(t, owner, 250_000);
  const task = await postContest(t, owner);
  const provider = await signUp(t.app);
  const entry = await enterImage(t, provider, task.id, await logoPng(Math.floor(Math.random() * 1000)));
  return { task, provider, entry, file: entry.files[0] as { id: string } };
}

async function awarded(owner: SignedUp) {
  const c = await contestWithEntry(owner);
  const r = await call(t, owner, "POST", `/tasks/${c.task.id}/awards`, {
    awards: [{ entryId: c.entry.id, prizeIndex: 0 }],
  });
  assert.equal(r.statusCode, 200, r.body);
  return c;
}

test("POST /tasks: sign-in required; a wallet must cover the pool", async () => {
  await assertAccess(t, {
    setup: (owner) => fund(t, owner, 250_000),
    request: () => ({ method: "POST", url: "/api/v1/tasks", payload: contestBody() }),
    expect: { anonymous: 401, stranger: 402, owner: 201, operator: 402 },
  });
});

test("GET /tasks and GET /tasks/:id are public", async () => {
  await assertAccess(t, {
    request: () => ({ method: "GET", url: "/api/v1/tasks?mode=contest&limit=5" }),
    expect: { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
  });
  await assertAccess(t, {
    setup: async (owner) => (await contestWithEntry(owner)).task.id,
    request: ({ data }) => ({ method: "GET", url: `/api/v1/tasks/${data}` }),
    expect: { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
  });
});

test("GET /tasks?providerId: only for oneself (or an operator) — who entered a sealed contest is private", async () => {
  await assertAccess(t, {
    request: ({ owner }) => ({ method: "GET", url: `/api/v1/tasks?providerId=${owner.user.id}` }),
    expect: { anonymous: 401, stranger: 403, owner: 200, operator: 200 },
  });
});

test("POST /tasks/:id/cancel: the buyer only", async () => {
  await assertAccess(t, {
    setup: fundedContestId,
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/tasks/${data}/cancel`,
      headers: { "idempotency-key": key() },
    }),
    expect: { anonymous: 401, stranger: 403, owner: 200, operator: 403 },
  });
});

test("POST /tasks/:id/entries: anyone signed in but the buyer", async () => {
  await assertAccess(t, {
    setup: fundedContestId,
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/tasks/${data}/entries`,
      payload: { text: "an idea" },
    }),
    expect: { anonymous: 401, stranger: 201, owner: 403, operator: 201 },
  });
});

test("GET /tasks/:id/entries: sealed — the buyer and operators see entries, others counts only", async () => {
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({ method: "GET", url: `/api/v1/tasks/${data.task.id}/entries` }),
    expect: { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
    check: (caller, res) => {
      const body = res.json();
      assert.deepEqual(body.counts, { entries: 1, providers: 1 });
      const sees = caller === "owner" || caller === "operator";
      assert.equal(body.items.length, sees ? 1 : 0, caller);
      if (sees) assert.ok(body.items[0].originality, `${caller} sees originality`);
    },
  });
});

test("GET /tasks/:id/entries of an unsealed contest: everyone sees the work, only the buyer the judging", async () => {
  await assertAccess(t, {
    setup: async (owner) => {
      await fund(t, owner, 250_000);
      const task = await postContest(t, owner, { sealed: false });
      await enterImage(t, await signUp(t.app), task.id, await logoPng(11));
      return task.id;
    },
    request: ({ data }) => ({ method: "GET", url: `/api/v1/tasks/${data}/entries` }),
    expect: { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
    check: (caller, res) => {
      const [entry] = res.json().items;
      assert.ok(entry, caller);
      assert.equal(entry.files[0].originalUrl, caller === "operator" ? entry.files[0].originalUrl : null);
      assert.equal("originality" in entry, caller === "owner" || caller === "operator", caller);
    },
  });
});

test("GET /entries/:id: the buyer, the provider and operators; others 404", async () => {
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({ method: "GET", url: `/api/v1/entries/${data.entry.id}` }),
    expect: { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
  });
});

test("entry files: previews for who sees the entry; the original not for the buyer before payment", async () => {
  for (const variant of ["thumbnail", "preview"]) {
    await assertAccess(t, {
      setup: (owner) => contestWithEntry(owner),
      request: ({ data }) => ({
        method: "GET",
        url: `/api/v1/entries/${data.entry.id}/files/${data.file.id}/${variant}`,
      }),
      expect: { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
    });
  }
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({
      method: "GET",
      url: `/api/v1/entries/${data.entry.id}/files/${data.file.id}/original`,
    }),
    expect: { anonymous: 404, stranger: 404, owner: 403, operator: 200 },
  });
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({
      method: "GET",
      url: `/api/v1/entries/${data.entry.id}/files/${data.file.id}/other`,
    }),
    expect: { anonymous: 400, stranger: 400, owner: 400, operator: 400 },
  });
});

test("POST /entries/:id/rating: the buyer only", async () => {
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/entries/${data.entry.id}/rating`,
      payload: { stars: 4 },
    }),
    expect: { anonymous: 401, stranger: 404, owner: 200, operator: 403 },
  });
});

test("POST /tasks/:id/awards: the buyer only", async () => {
  await assertAccess(t, {
    setup: (owner) => contestWithEntry(owner),
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/tasks/${data.task.id}/awards`,
      payload: { awards: [{ entryId: data.entry.id, prizeIndex: 0 }] },
      headers: { "idempotency-key": key() },
    }),
    expect: { anonymous: 401, stranger: 403, owner: 200, operator: 403 },
  });
});

test("POST /entries/:id/handover: the winning provider only", async () => {
  await assertAccess(t, {
    setup: (owner) => awarded(owner),
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/entries/${data.entry.id}/handover`,
      payload: { text: "x" },
    }),
    expect: { anonymous: 401, stranger: 404, owner: 403, operator: 403 },
  });
  const owner = await signUp(t.app);
  const c = await awarded(owner);
  const r = await call(t, c.provider, "POST", `/entries/${c.entry.id}/handover`, { text: "final" });
  assert.equal(r.statusCode, 200, r.body);
});

test("POST /entries/:id/accept: the buyer only", async () => {
  await assertAccess(t, {
    setup: async (owner) => {
      const c = await awarded(owner);
      const r = await call(t, c.provider, "POST", `/entries/${c.entry.id}/handover`, { text: "final" });
      assert.equal(r.statusCode, 200, r.body);
      return c;
    },
    request: ({ data }) => ({
      method: "POST",
      url: `/api/v1/entries/${data.entry.id}/accept`,
      headers: { "idempotency-key": key() },
    }),
    expect: { anonymous: 401, stranger: 404, owner: 200, operator: 403 },
  });
});
