// Issue 10, services: a provider's shop through HTTP — create (1–3 packages, unique tiers, integer
// fen), list and detail with their visibility (active for everyone, paused / hidden only for the
// provider and operators), edits, pause / resume through named transitions, and the gallery
// (multipart images; watermarked previews for the public, originals for the provider).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, expectError, multipart } from "../../../test/helpers/http.ts";
import { eventsOf } from "../../core/events.ts";
import { logoPng } from "../contests/contests.fixtures.ts";
import { PACKAGES, postService, serviceBody } from "./services.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

describe("create", () => {
  test("a service with three packages: 201, active, packages in tier order, from-price", async () => {
    const provider = await signUp(t.app);
    const reversed = [...PACKAGES].reverse();
    const service = await postService(t, provider, { packages: reversed });
    assert.equal(service.status, "active");
    assert.equal(service.providerId, provider.user.id);
    assert.equal(service.provider.displayName, provider.user.displayName);
    assert.deepEqual(service.packages, PACKAGES);
    assert.equal(service.fromPriceMinor, 50_000);
    assert.deepEqual(service.gallery, []);
    const events = await eventsOf(t.db, { type: "service", id: service.id });
    assert.deepEqual(
      events.map((e) => e.type),
      ["service.created"],
    );
    // Anyone reads it.
    const anon = await call(t, undefined, "GET", `/services/${service.id}`);
    assert.equal(anon.statusCode, 200, anon.body);
    assert.deepEqual(anon.json().service, service);
  });

  test("one package is enough; the description defaults to empty", async () => {
    const provider = await signUp(t.app);
    const service = await postService(t, provider, {
      packages: [{ tier: "premium", priceMinor: 1, deliveryDays: 1, revisions: 0 }],
    });
    assert.deepEqual(service.packages, [
      { tier: "premium", priceMinor: 1, deliveryDays: 1, revisions: 0, description: "" },
    ]);
  });

  test("bad input: 400 in the error shape, nothing written", async () => {
    const provider = await signUp(t.app);
    const pkg = PACKAGES[0] as (typeof PACKAGES)[number];
    const bad: [string, unknown][] = [
      ["four packages", serviceBody({ packages: [...PACKAGES, { ...pkg, tier: "basic" }] })],
      ["no package", serviceBody({ packages: [] })],
      ["duplicate tiers", serviceBody({ packages: [pkg, { ...pkg, priceMinor: 9 }] })],
      ["a float price", serviceBody({ packages: [{ ...pkg, priceMinor: 100.5 }] })],
      ["a zero price", serviceBody({ packages: [{ ...pkg, priceMinor: 0 }] })],
      ["a negative price", serviceBody({ packages: [{ ...pkg, priceMinor: -100 }] })],
      ["a price as text", serviceBody({ packages: [{ ...pkg, priceMinor: "100" }] })],
      ["an unknown tier", serviceBody({ packages: [{ ...pkg, tier: "gold" }] })],
      ["zero delivery days", serviceBody({ packages: [{ ...pkg, deliveryDays: 0 }] })],
      ["fractional revisions", serviceBody({ packages: [{ ...pkg, revisions: 1.5 }] })],
      ["an unknown field", serviceBody({ extra: 1 })],
      ["an empty title", serviceBody({ title: "  " })],
      ["an unknown category", serviceBody({ categoryId: "no-such-category" })],
    ];
    for (const [what, body] of bad) {
      const res = await call(t, provider, "POST", "/services", body);
      expectError(res, 400, "invalid_input");
      assert.ok(res.statusCode === 400, what);
    }
    // 1.0 written in the JSON text is not an integer amount either (API.md).
    const raw = JSON.stringify(serviceBody()).replace('"priceMinor":50000', '"priceMinor":50000.0');
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/services",
      headers: { ...provider.headers, "content-type": "application/json" },
      payload: raw,
    });
    expectError(res, 400, "invalid_input");
    const mine = await call(t, provider, "GET", `/services?providerId=${provider.user.id}`);
    assert.deepEqual(mine.json().items, []);
  });

  test("anonymous: 401", async () => {
    expectError(await call(t, undefined, "POST", "/services", serviceBody()), 401, "unauthenticated");
  });
});

describe("visibility, pause and resume", () => {
  test("paused: out of the public list and 404 for others; its provider and operators still see it", async () => {
    const provider = await signUp(t.app);
    const stranger = await signUp(t.app);
    const operator = await signUpOperator(t.app, t);
    const service = await postService(t, provider);

    // A stranger who can see it may not change it (403); anonymous 401.
    expectError(await call(t, stranger, "POST", `/services/${service.id}/pause`), 403, "forbidden");
    expectError(await call(t, undefined, "POST", `/services/${service.id}/pause`), 401, "unauthenticated");
    expectError(
      await call(t, stranger, "PATCH", `/services/${service.id}`, { title: "Mine" }),
      403,
      "forbidden",
    );

    const paused = await call(t, provider, "POST", `/services/${service.id}/pause`);
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json().service.status, "paused");
    // Twice: not from paused.
    expectError(await call(t, provider, "POST", `/services/${service.id}/pause`), 409, "invalid_transition");

    expectError(await call(t, undefined, "GET", `/services/${service.id}`), 404, "not_found");
    expectError(await call(t, stranger, "GET", `/services/${service.id}`), 404, "not_found");
    // Now a stranger cannot even learn it exists.
    expectError(await call(t, stranger, "POST", `/services/${service.id}/resume`), 404, "not_found");
    expectError(
      await call(t, stranger, "PATCH", `/services/${service.id}`, { title: "x" }),
      404,
      "not_found",
    );
    assert.equal((await call(t, provider, "GET", `/services/${service.id}`)).json().service.status, "paused");
    assert.equal((await call(t, operator, "GET", `/services/${service.id}`)).json().service.status, "paused");

    const shop = `/services?providerId=${provider.user.id}`;
    assert.deepEqual((await call(t, stranger, "GET", shop)).json().items, []);
    assert.deepEqual((await call(t, undefined, "GET", shop)).json().items, []);
    assert.deepEqual(
      (await call(t, provider, "GET", shop)).json().items.map((s: { id: string }) => s.id),
      [service.id],
    );

    const resumed = await call(t, provider, "POST", `/services/${service.id}/resume`);
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal(resumed.json().service.status, "active");
    expectError(await call(t, provider, "POST", `/services/${service.id}/resume`), 409, "invalid_transition");
    assert.equal((await call(t, undefined, "GET", shop)).json().items.length, 1);

    const events = await eventsOf(t.db, { type: "service", id: service.id });
    assert.deepEqual(
      events.map((e) => [e.type, e.data.transition ?? null, e.actor]),
      [
        ["service.created", null, provider.user.id],
        ["service.paused", "pause", provider.user.id],
        ["service.resumed", "resume", provider.user.id],
      ],
    );
  });

  test("unknown or malformed ids: 404", async () => {
    const provider = await signUp(t.app);
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expectError(await call(t, undefined, "GET", `/services/${id}`), 404, "not_found");
      expectError(await call(t, provider, "POST", `/services/${id}/pause`), 404, "not_found");
      expectError(await call(t, provider, "PATCH", `/services/${id}`, { title: "x" }), 404, "not_found");
    }
  });
});

describe("edits", () => {
  test("PATCH changes text, category and the package set; bad packages refused, nothing changed", async () => {
    const provider = await signUp(t.app);
    const service = await postService(t, provider);
    const res = await call(t, provider, "PATCH", `/services/${service.id}`, {
      title: "网站建设 Websites",
      categoryId: "website",
      packages: [{ tier: "standard", priceMinor: 150_000, deliveryDays: 10, revisions: 2, description: "" }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const edited = res.json().service;
    assert.equal(edited.title, "网站建设 Websites");
    assert.equal(edited.description, service.description);
    assert.equal(edited.categoryId, "website");
    assert.deepEqual(
      edited.packages.map((p: { tier: string; priceMinor: number }) => [p.tier, p.priceMinor]),
      [["standard", 150_000]],
    );
    assert.equal(edited.fromPriceMinor, 150_000);

    for (const body of [
      {},
      { packages: [...PACKAGES, PACKAGES[0]] },
      { packages: [PACKAGES[0], PACKAGES[0]] },
      { packages: [{ ...PACKAGES[0], priceMinor: 0.5 }] },
      { title: "" },
      { categoryId: "nope" },
    ]) {
      expectError(await call(t, provider, "PATCH", `/services/${service.id}`, body), 400, "invalid_input");
    }
    const after = (await call(t, provider, "GET", `/services/${service.id}`)).json().service;
    assert.deepEqual(after.packages, edited.packages);
    assert.equal(after.categoryId, "website");
    const events = await eventsOf(t.db, { type: "service", id: service.id });
    assert.deepEqual(events.at(-1)?.data.fields, ["title", "categoryId", "packages"]);
  });
});

describe("list", () => {
  test("filters (category incl. children, provider, q) and sorts with cursors", async () => {
    const provider = await signUp(t.app);
    const tag = `zq${Date.now().toString(36)}`;
    const prices = [70_000, 10_000, 40_000, 90_000, 20_000];
    const made = [];
    for (const [i, price] of prices.entries()) {
      made.push(
        await postService(t, provider, {
          title: `${tag} 服务 ${i}`,
          categoryId: i % 2 === 0 ? "logo" : "website",
          packages: [{ tier: "basic", priceMinor: price, deliveryDays: 2, revisions: 1 }],
        }),
      );
    }
    const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((s) => s.id);
    const base = `/services?providerId=${provider.user.id}`;

    // newest first, two per page
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t, undefined, "GET", `${base}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...ids(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.deepEqual(seen, made.map((s) => s.id).reverse());

    for (const [sort, order] of [
      ["price_asc", [...prices].sort((a, b) => a - b)],
      ["price_desc", [...prices].sort((a, b) => b - a)],
    ] as const) {
      const got: number[] = [];
      let c: string | null = null;
      do {
        const res = await call(t, undefined, "GET", `${base}&sort=${sort}&limit=2${c ? `&cursor=${c}` : ""}`);
        assert.equal(res.statusCode, 200, res.body);
        got.push(...res.json().items.map((s: { fromPriceMinor: number }) => s.fromPriceMinor));
        c = res.json().nextCursor;
      } while (c);
      assert.deepEqual(got, order);
    }

    // category "brand" includes its child "logo"
    assert.equal((await call(t, undefined, "GET", `${base}&categoryId=brand`)).json().items.length, 3);
    assert.equal((await call(t, undefined, "GET", `${base}&categoryId=website`)).json().items.length, 2);
    assert.equal(
      (await call(t, undefined, "GET", `/services?q=${encodeURIComponent(`${tag} 服务 1`)}`)).json().items
        .length,
      1,
    );

    // A cursor of another sort, or a forged one: 400.
    const first = await call(t, undefined, "GET", `${base}&limit=1`);
    const newestCursor = first.json().nextCursor;
    expectError(
      await call(t, undefined, "GET", `${base}&sort=price_asc&cursor=${newestCursor}`),
      400,
      "invalid_input",
    );
    expectError(await call(t, undefined, "GET", `${base}&cursor=abc`), 400, "invalid_input");
    expectError(await call(t, undefined, "GET", "/services?providerId=nope"), 400, "invalid_input");
    expectError(await call(t, undefined, "GET", "/services?sort=cheapest"), 400, "invalid_input");
  });
});

describe("gallery", () => {
  test("its provider uploads images; the public gets thumbnails and watermarked previews, not originals", async () => {
    const provider = await signUp(t.app);
    const stranger = await signUp(t.app);
    const service = await postService(t, provider);
    const png = await logoPng(7);
    const parts = [{ name: "files", value: png, filename: "作品.png", type: "image/png" }];

    expectError(await multipart(t, stranger, `/services/${service.id}/gallery`, parts), 403, "forbidden");
    const res = await multipart(t, provider, `/services/${service.id}/gallery`, parts);
    assert.equal(res.statusCode, 201, res.body);
    const [image] = res.json().service.gallery;
    assert.equal(image.name, "作品.png");
    assert.ok(image.thumbnailUrl && image.previewUrl);

    const get = (who: typeof provider | undefined, url: string) => call(t, who, "GET", url);
    assert.equal((await get(undefined, image.thumbnailUrl)).statusCode, 200);
    assert.equal((await get(undefined, image.previewUrl)).statusCode, 200);
    expectError(await get(undefined, `/api/v1/files/${image.id}/original`), 401, "unauthenticated");
    expectError(await get(stranger, `/api/v1/files/${image.id}/original`), 403, "forbidden");
    const original = await get(provider, `/api/v1/files/${image.id}/original`);
    assert.equal(original.statusCode, 200);
    assert.ok(original.rawPayload.equals(png));

    // Not an image; no file; the gallery of a paused service is the provider's only.
    const pdf = [{ name: "files", value: Buffer.from("%PDF-1.4\n%%EOF\n"), filename: "a.pdf" }];
    expectError(
      await multipart(t, provider, `/services/${service.id}/gallery`, pdf),
      415,
      "unsupported_media_type",
    );
    expectError(
      await multipart(t, provider, `/services/${service.id}/gallery`, [{ name: "note", value: "x" }]),
      400,
      "invalid_input",
    );
    await call(t, provider, "POST", `/services/${service.id}/pause`);
    expectError(await get(undefined, image.thumbnailUrl), 404, "not_found");
    expectError(await get(stranger, image.previewUrl), 404, "not_found");
    assert.equal((await get(provider, image.previewUrl)).statusCode, 200);
    assert.equal(
      (await call(t, provider, "GET", `/services/${service.id}`)).json().service.gallery.length,
      1,
    );

    // Removed by its provider (not by anyone else): no longer served, not listed.
    const remove = (who: typeof provider, fileId = image.id) =>
      call(t, who, "DELETE", `/services/${service.id}/gallery/${fileId}`);
    await call(t, provider, "POST", `/services/${service.id}/resume`);
    expectError(await remove(stranger), 403, "forbidden");
    expectError(await remove(provider, "00000000-0000-4000-8000-000000000000"), 404, "not_found");
    const removed = await remove(provider);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().service.gallery, []);
    expectError(await remove(provider), 404, "not_found");
    expectError(await get(provider, image.previewUrl), 404, "not_found");
    expectError(await get(undefined, image.thumbnailUrl), 404, "not_found");
  });
});

describe("moderation", () => {
  test("an operator hides a service: gone for everyone but its provider and operators; the provider cannot resume it", async () => {
    const provider = await signUp(t.app);
    const stranger = await signUp(t.app);
    const operator = await signUpOperator(t.app, t);
    const service = await postService(t, provider);
    const hide = (who: typeof provider | undefined, body: unknown = { reason: "抄袭 Copied work" }) =>
      call(t, who, "POST", `/admin/services/${service.id}/hide`, body);

    expectError(await hide(provider), 403, "forbidden");
    expectError(await hide(undefined), 401, "unauthenticated");
    expectError(await hide(operator, { reason: "" }), 400, "invalid_input");
    const hidden = await hide(operator);
    assert.equal(hidden.statusCode, 200, hidden.body);
    assert.equal(hidden.json().service.status, "hidden");
    expectError(await hide(operator), 409, "invalid_transition");

    expectError(await call(t, stranger, "GET", `/services/${service.id}`), 404, "not_found");
    assert.deepEqual(
      (await call(t, stranger, "GET", `/services?providerId=${provider.user.id}`)).json().items,
      [],
    );
    assert.equal((await call(t, provider, "GET", `/services/${service.id}`)).json().service.status, "hidden");
    expectError(await call(t, provider, "POST", `/services/${service.id}/resume`), 409, "invalid_transition");
    expectError(await call(t, provider, "POST", `/services/${service.id}/pause`), 409, "invalid_transition");
    const order = await call(t, stranger, "POST", "/orders", { serviceId: service.id, tier: "basic" });
    expectError(order, 404, "not_found");

    const events = await eventsOf(t.db, { type: "service", id: service.id });
    const last = events.at(-1);
    assert.equal(last?.type, "service.hidden");
    assert.equal(last?.actor, operator.user.id);
    assert.equal(last?.data.reason, "抄袭 Copied work");
  });
});
