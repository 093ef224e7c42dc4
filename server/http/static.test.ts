// Static delivery of the web app: a small built app (index.html, a hashed script, a favicon) made
// here and precompressed as the real build is, served by the real app. Pages of the router get the
// shell with 200, other page paths the shell with 404, HEAD as GET; assets go compressed when the
// client accepts it, cached for a year when their name is hashed.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { isWebRoute } from "../../contracts/web-routes.ts";
import { precompress } from "../../scripts/precompress.ts";
import { startTestApp, type TestApp } from "../../test/helpers/app.ts";

const INDEX = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>两江</title>
<script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>
<!-- ${"the app shell ".repeat(40)} --></body></html>`;
const SCRIPT = Array.from({ length: 2000 }, (_, i) => `export const value${i} = "liangjiang-${i}";`).join(
  "\n",
);
const ASSET = "/assets/index-Ab12Cd34.js";
/** The shell, with the page's own head filled in (features/web/web-shell.ts; its tests check the head). */
function assertShell(html: string, message?: string) {
  assert.match(html, /<script type="module" src="\/assets\/index-Ab12Cd34.js"><\/script>/, message);
  assert.match(html, /<div id="root"><\/div>/, message);
  assert.match(html, /<meta property="og:title" content="[^"]+"/, message);
}

let t: TestApp;
let webDir: string;
before(async () => {
  webDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-web-"));
  await fs.mkdir(path.join(webDir, "assets"));
  await fs.writeFile(path.join(webDir, "index.html"), INDEX);
  await fs.writeFile(path.join(webDir, "assets", "index-Ab12Cd34.js"), SCRIPT);
  await fs.writeFile(path.join(webDir, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  precompress(webDir);
  t = await startTestApp({ webDir });
});
after(async () => {
  await t?.close();
  await fs.rm(webDir, { recursive: true, force: true });
});

test("the build's precompression writes smaller .br and .gz copies with the same content", async () => {
  const original = await fs.readFile(path.join(webDir, "assets", "index-Ab12Cd34.js"));
  const br = await fs.readFile(path.join(webDir, "assets", "index-Ab12Cd34.js.br"));
  const gz = await fs.readFile(path.join(webDir, "assets", "index-Ab12Cd34.js.gz"));
  assert.ok(br.length < original.length / 4, `br ${br.length} of ${original.length}`);
  assert.ok(gz.length < original.length / 4, `gz ${gz.length} of ${original.length}`);
  assert.deepEqual(brotliDecompressSync(br), original);
  assert.deepEqual(gunzipSync(gz), original);
  // Too small to be worth a copy.
  await assert.rejects(fs.stat(path.join(webDir, "favicon.svg.br")), { code: "ENOENT" });
});

test("a hashed asset goes brotli or gzip as accepted, identity otherwise, cached for a year", async () => {
  const br = await t.app.inject({
    method: "GET",
    url: ASSET,
    headers: { "accept-encoding": "gzip, deflate, br" },
  });
  assert.equal(br.statusCode, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.match(br.headers["content-type"] as string, /javascript/);
  assert.match(br.headers.vary as string, /accept-encoding/i);
  assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.ok(br.rawPayload.length < SCRIPT.length / 4, `${br.rawPayload.length} bytes on the wire`);
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), SCRIPT);

  const gzip = await t.app.inject({ method: "GET", url: ASSET, headers: { "accept-encoding": "gzip" } });
  assert.equal(gzip.headers["content-encoding"], "gzip");
  assert.equal(gunzipSync(gzip.rawPayload).toString(), SCRIPT);

  for (const headers of [{}, { "accept-encoding": "identity" }]) {
    const plain = await t.app.inject({ method: "GET", url: ASSET, headers });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.match(plain.headers.vary as string, /accept-encoding/i, "caches keep both versions apart");
    assert.equal(plain.body, SCRIPT);
  }

  // The compressed copies are not URLs of their own; a missing asset is a (JSON) 404, not the shell.
  for (const url of [`${ASSET}.br`, `${ASSET}.gz`, "/assets/index-missing.js"]) {
    const res = await t.app.inject({ method: "GET", url });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.json().error.code, "not_found", url);
  }
});

test("the app shell is never cached without asking and goes compressed too", async () => {
  const res = await t.app.inject({ method: "GET", url: "/", headers: { "accept-encoding": "br" } });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers["content-type"] as string, /text\/html/);
  assert.equal(res.headers["cache-control"], "no-cache");
  assert.equal(res.headers["content-encoding"], "br");
  assertShell(brotliDecompressSync(res.rawPayload).toString());
});

test("every page of the web router gets the shell with 200, for GET and HEAD", async () => {
  for (const url of ["/", "/wallet", "/contests/new", "/account/", "/login?next=/wallet"]) {
    const get = await t.app.inject({ method: "GET", url });
    assert.equal(get.statusCode, 200, `GET ${url}`);
    assertShell(get.body, `GET ${url}`);
    const head = await t.app.inject({ method: "HEAD", url });
    assert.equal(head.statusCode, 200, `HEAD ${url}`);
    assert.match(head.headers["content-type"] as string, /text\/html/, `HEAD ${url}`);
    assert.equal(head.body, "", `HEAD ${url}`);
  }
  // HEAD works for the files, the API and the server's own pages too.
  for (const url of [ASSET, "/favicon.svg", "/healthz", "/openapi.json", "/docs", "/api/v1/categories"]) {
    const head = await t.app.inject({ method: "HEAD", url });
    const get = await t.app.inject({ method: "GET", url });
    assert.equal(head.statusCode, get.statusCode, `HEAD ${url}`);
    assert.ok(head.statusCode < 400, `HEAD ${url}: ${head.statusCode}`);
    assert.equal(head.body, "", `HEAD ${url}`);
  }
});

test("an unknown page gets the shell with 404 (the app shows its not-found page); the API's 404 stays JSON", async () => {
  // A task or person that does not exist too (more in features/web/web-shell.test.ts).
  for (const url of [
    "/no/such/page",
    "/contests/new/extra",
    "/tasks",
    "/piecework/new/extra",
    "/tasks/0b6c1a9e",
    "/users/u-1/",
  ]) {
    const get = await t.app.inject({ method: "GET", url });
    assert.equal(get.statusCode, 404, `GET ${url}`);
    assert.match(get.headers["content-type"] as string, /text\/html/, `GET ${url}`);
    assertShell(get.body, `GET ${url}`);
    const head = await t.app.inject({ method: "HEAD", url });
    assert.equal(head.statusCode, 404, `HEAD ${url}`);
  }
  for (const method of ["GET", "HEAD", "POST"] as const) {
    const api = await t.app.inject({ method, url: "/api/v1/no-such-thing" });
    assert.equal(api.statusCode, 404, method);
    assert.match(api.headers["content-type"] as string, /application\/json/, method);
  }
  const post = await t.app.inject({ method: "POST", url: "/wallet" });
  assert.equal(post.statusCode, 404);
  assert.equal(post.json().error.code, "not_found");
});

test("isWebRoute matches paths as the web router does", () => {
  for (const yes of [
    "/",
    "",
    "/wallet",
    "/wallet/",
    "/Wallet",
    "/users/42",
    "/tasks/a-b-c",
    "/contests/mine",
    "/tenders",
    "/services/s-1/checkout",
    "/shops/u-1",
    "/orders/o-1",
  ]) {
    assert.ok(isWebRoute(yes), yes);
  }
  for (const no of [
    "/users",
    "/users/42/edit",
    "/walletx",
    "/contests/mine/2",
    "/api/v1/health",
    "/tenders/new/extra",
    "/orders/o-1/milestones",
  ]) {
    assert.ok(!isWebRoute(no), no);
  }
});
