import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { startTestApp } from "../../../test/helpers/app.ts";

const t = await startTestApp();
after(() => t.close());

test("/healthz and /readyz answer 200 on a migrated database", async () => {
  assert.deepEqual((await t.app.inject("/healthz")).json(), { status: "ok" });
  const ready = await t.app.inject("/readyz");
  assert.equal(ready.statusCode, 200);
});

test("/readyz answers 503 in the error shape while a migration is missing", async () => {
  await t.db.deleteFrom("schema_migrations").where("name", "=", "0001_categories.sql").execute();
  try {
    const res = await t.app.inject("/readyz");
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, "unavailable");
    assert.deepEqual(res.json().error.details.pending, ["0001_categories.sql"]);
  } finally {
    await t.db.insertInto("schema_migrations").values({ name: "0001_categories.sql" }).execute();
  }
});

test("/metrics is Prometheus text and counts requests by route pattern", async () => {
  await t.app.inject("/api/v1/categories");
  const res = await t.app.inject("/metrics");
  assert.equal(res.statusCode, 200);
  assert.match(res.headers["content-type"] as string, /^text\/plain; version=0\.0\.4/);
  assert.match(res.body, /# TYPE http_requests_total counter/);
  assert.match(res.body, /http_requests_total\{method="GET",route="\/api\/v1\/categories",status="200"\} 1/);
  assert.match(
    res.body,
    /http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/categories",le="\+Inf"\} 1/,
  );
  // Every non-comment line is `name{labels} value` or `name value`.
  for (const line of res.body
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"))) {
    assert.match(line, /^[a-z_:][a-z0-9_:]*(\{[^}]*\})? [0-9.e+-]+$/, line);
  }
});

test("/openapi.json is an OpenAPI 3.1 document describing the API", async () => {
  const res = await t.app.inject("/openapi.json");
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, "3.1.0");
  const result = await new Validator().validate(doc);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.ok(doc.info.title);
  assert.ok(doc.paths["/api/v1/categories"].get.responses["200"]);
  assert.ok(doc.paths["/readyz"]);
  const docs = await t.app.inject("/docs/");
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /<html/i);
});

test("responses carry a request id and security headers", async () => {
  const res = await t.app.inject("/api/v1/categories");
  assert.match(res.headers["x-request-id"] as string, /^[\w.-]{8,64}$/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.ok(res.headers["content-security-policy"]);
  const echoed = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-1234abcd" } });
  assert.equal(echoed.headers["x-request-id"], "trace-1234abcd");
});

test("/metrics without METRICS_TOKEN answers loopback callers only (404 for others, also relayed by a local proxy)", async () => {
  for (const remoteAddress of ["127.0.0.1", "::1"]) {
    const res = await t.app.inject({ url: "/metrics", remoteAddress });
    assert.equal(res.statusCode, 200, remoteAddress);
  }
  for (const remoteAddress of ["10.1.2.3", "203.0.113.9", "::ffff:10.0.0.1"]) {
    const res = await t.app.inject({ url: "/metrics", remoteAddress });
    assert.equal(res.statusCode, 404, remoteAddress);
    assert.equal(res.json().error.code, "not_found");
    assert.doesNotMatch(res.body, /http_requests_total/);
  }
  // Behind a local reverse proxy (TRUST_PROXY=1) the client's address decides, not the proxy's.
  const proxied = await startTestApp({ env: { TRUST_PROXY: "1" } });
  try {
    const outside = await proxied.app.inject({
      url: "/metrics",
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    assert.equal(outside.statusCode, 404);
    const local = await proxied.app.inject({ url: "/metrics", remoteAddress: "127.0.0.1" });
    assert.equal(local.statusCode, 200);
  } finally {
    await proxied.close();
  }
});

test("/metrics with METRICS_TOKEN needs Authorization: Bearer <token>, from anywhere", async () => {
  const token = "metrics-token-0123456789abcdef";
  const guarded = await startTestApp({ env: { METRICS_TOKEN: token } });
  try {
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789abcdef",
      `Basic ${token}`,
      "Bearer ",
    ]) {
      const res = await guarded.app.inject({
        url: "/metrics",
        remoteAddress: "127.0.0.1",
        headers: authorization ? { authorization } : {},
      });
      assert.equal(res.statusCode, 401, String(authorization));
      assert.equal(res.json().error.code, "unauthenticated");
      assert.doesNotMatch(res.body, /http_requests_total/);
    }
    const ok = await guarded.app.inject({
      url: "/metrics",
      remoteAddress: "203.0.113.9",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /# TYPE http_requests_total counter/);
    assert.equal(ok.headers["cache-control"], "no-store");
  } finally {
    await guarded.close();
  }
});
