// Who may do what to a service (test/helpers/access.ts: anonymous, a stranger, its provider, an
// operator), for an active and a paused service: strangers never learn a paused service exists
// (404), may see but not change an active one (403); ordering is for anyone but its provider.
import { after, describe, test } from "node:test";
import { type AccessSpec, assertAccess } from "../../../test/helpers/access.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { call, key, multipart, multipartBody } from "../../../test/helpers/http.ts";
import { logoPng } from "../contests/contests.fixtures.ts";
import { postService } from "./services.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

const png = await logoPng(3);

type Data = { id: string; imageId: string };
async function setup(owner: SignedUp, paused: boolean): Promise<Data> {
  const service = await postService(t, owner);
  const uploaded = await multipart(t, owner, `/services/${service.id}/gallery`, [
    { name: "files", value: png, filename: "a.png", type: "image/png" },
  ]);
  if (paused) await call(t, owner, "POST", `/services/${service.id}/pause`);
  return { id: service.id, imageId: uploaded.json().service.gallery[0].id };
}

type Case = [
  label: string,
  request: AccessSpec<Data>["request"],
  active: AccessSpec<Data>["expect"],
  paused: AccessSpec<Data>["expect"],
];
const cases: Case[] = [
  [
    "GET /services/:id",
    ({ data }) => ({ method: "GET", url: `/api/v1/services/${data.id}` }),
    { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
    { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
  ],
  [
    "PATCH /services/:id",
    ({ data }) => ({
      method: "PATCH",
      url: `/api/v1/services/${data.id}`,
      payload: { title: "改名 Renamed" },
    }),
    { anonymous: 401, stranger: 403, owner: 200, operator: 403 },
    { anonymous: 401, stranger: 404, owner: 200, operator: 403 },
  ],
  [
    "POST /services/:id/pause",
    ({ data }) => ({ method: "POST", url: `/api/v1/services/${data.id}/pause` }),
    { anonymous: 401, stranger: 403, owner: 200, operator: 403 },
    { anonymous: 401, stranger: 404, owner: 409, operator: 403 },
  ],
  [
    "POST /services/:id/resume",
    ({ data }) => ({ method: "POST", url: `/api/v1/services/${data.id}/resume` }),
    { anonymous: 401, stranger: 403, owner: 409, operator: 403 },
    { anonymous: 401, stranger: 404, owner: 200, operator: 403 },
  ],
  [
    "DELETE /services/:id/gallery/:fileId",
    ({ data }) => ({ method: "DELETE", url: `/api/v1/services/${data.id}/gallery/${data.imageId}` }),
    { anonymous: 401, stranger: 403, owner: 200, operator: 403 },
    { anonymous: 401, stranger: 404, owner: 200, operator: 403 },
  ],
  [
    "GET /files/:id/original (a gallery image)",
    ({ data }) => ({ method: "GET", url: `/api/v1/files/${data.imageId}/original` }),
    { anonymous: 401, stranger: 403, owner: 200, operator: 200 },
    { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
  ],
  [
    "GET /files/:id/preview (a gallery image)",
    ({ data }) => ({ method: "GET", url: `/api/v1/files/${data.imageId}/preview` }),
    { anonymous: 200, stranger: 200, owner: 200, operator: 200 },
    { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
  ],
  [
    "POST /admin/services/:id/hide",
    ({ data }) => ({
      method: "POST",
      url: `/api/v1/admin/services/${data.id}/hide`,
      payload: { reason: "违规 Against the rules" },
    }),
    { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
  ],
  [
    // Nobody here has money: whoever may order reaches the wallet check (402).
    "POST /orders",
    ({ data }) => ({
      method: "POST",
      url: "/api/v1/orders",
      payload: { serviceId: data.id, tier: "basic" },
      headers: { "idempotency-key": key() },
    }),
    { anonymous: 401, stranger: 402, owner: 403, operator: 402 },
    { anonymous: 401, stranger: 409, owner: 403, operator: 409 },
  ],
];

for (const paused of [false, true]) {
  describe(paused ? "a paused service" : "an active service", () => {
    for (const [label, request, active, whenPaused] of cases) {
      test(label, async () => {
        await assertAccess(t, {
          setup: (owner) => setup(owner, paused),
          request,
          expect: paused ? whenPaused : active,
        });
      });
    }
  });
}

test("POST /services/:id/gallery", async () => {
  const { contentType, payload } = await multipartBody([
    { name: "files", value: png, filename: "b.png", type: "image/png" },
  ]);
  for (const paused of [false, true]) {
    await assertAccess(t, {
      setup: (owner) => setup(owner, paused),
      request: ({ data }) => ({
        method: "POST",
        url: `/api/v1/services/${data.id}/gallery`,
        payload,
        headers: { "content-type": contentType },
      }),
      expect: paused
        ? { anonymous: 401, stranger: 404, owner: 201, operator: 403 }
        : { anonymous: 401, stranger: 403, owner: 201, operator: 403 },
    });
  }
});
