// Public pages without JavaScript (issue 9, must-show 2): the shell answers with the page's real
// <title>, description, canonical link and Open Graph / Twitter tags, and a contest's public facts
// in <noscript> — escaped, nothing the anonymous API would not show, 404 for what does not exist.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { testClock } from "../../core/clock.ts";
import { enterText, fund, postContest, signUp } from "../contests/contests.fixtures.ts";
import { escapeHtml, pageLocale } from "./web-shell.ts";

// As web/dist/index.html is built: a description over several lines, a noscript, hashed assets.
const INDEX = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta
      name="description"
      content="两江 Liangjiang：开源的创意服务交易平台。"
    />
    <title>两江 · 创意服务托管交易平台</title>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>两江需要启用 JavaScript。Liangjiang needs JavaScript enabled.</noscript>
  </body>
</html>
`;
const SITE = "https://liangjiang.example";

let t: TestApp;
let webDir: string;
let task: { id: string };
let buyer: Awaited<ReturnType<typeof signUp>>;
before(async () => {
  webDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-web-shell-"));
  await fs.writeFile(path.join(webDir, "index.html"), INDEX);
  // The app's clock in 2099, so that a deadline there is in range (and its date fixed to assert on).
  t = await startTestApp({ webDir, env: { PUBLIC_URL: SITE }, clock: testClock("2099-05-25T00:00:00Z") });
  buyer = await signUp(t.app, { displayName: "茶馆老板" });
  await fund(t, buyer, 1_000_000);
  task = await postContest(t, buyer, {
    title: "茶馆标志设计",
    brief: "为重庆一家老茶馆设计标志：温暖、简洁，单色也好看。",
    prizesMinor: [200_000, 50_000],
    submissionDeadline: "2099-06-01T10:00:00Z",
  });
  // A sealed entry: its text must never reach the page.
  await enterText(t, await signUp(t.app), task.id, "SEALED-ENTRY-SECRET a teapot in a circle");
});
after(async () => {
  await t?.close();
  await fs.rm(webDir, { recursive: true, force: true });
});

const page = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });

/** The content of `<meta property|name="key" content="…">`. */
function metaContent(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html);
  return m?.[1];
}
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe("a contest page (/tasks/:id) without JavaScript", () => {
  test("must-show 2: the task's title is in <title> and og:title, with the other tags and the public facts", async () => {
    const res = await page(`/tasks/${task.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers["content-type"] as string, /^text\/html/);
    assert.equal(res.headers["cache-control"], "no-cache");
    const html = res.body;
    assert.equal(titleOf(html), "茶馆标志设计 · 两江");
    assert.equal(metaContent(html, "og:title"), "茶馆标志设计 · 两江");
    assert.match(metaContent(html, "og:description") ?? "", /¥2,500\.00 · 征稿中 · 为重庆一家老茶馆设计标志/);
    assert.equal(metaContent(html, "description"), metaContent(html, "og:description"));
    assert.equal(metaContent(html, "og:type"), "article");
    assert.equal(metaContent(html, "og:url"), `${SITE}/tasks/${task.id}`);
    assert.equal(metaContent(html, "og:site_name"), "两江");
    assert.equal(metaContent(html, "og:locale"), "zh_CN");
    assert.equal(metaContent(html, "twitter:card"), "summary");
    assert.match(html, new RegExp(`<link rel="canonical" href="${SITE}/tasks/${task.id}" />`));
    assert.equal((html.match(/<title>/g) ?? []).length, 1, "one title");
    assert.equal((html.match(/name="description"/g) ?? []).length, 1, "one description");
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<script type="module" crossorigin src="\/assets\/index-Ab12Cd34.js"><\/script>/);

    const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(html)?.[1] ?? "";
    assert.match(noscript, /<h1>茶馆标志设计<\/h1>/);
    assert.match(noscript, /赏金总额<\/dt><dd>¥2,500\.00/);
    assert.match(noscript, /¥2,000\.00 \/ ¥500\.00/);
    assert.match(noscript, /截稿时间<\/dt><dd>2099年6月1日 18:00 \(UTC\+8\)<\/dd>/);
    assert.match(noscript, /征稿中/);
    assert.match(noscript, /茶馆老板/);
    assert.match(noscript, /投稿数<\/dt><dd>1</);
  });

  test("no sealed data: neither the entry's text nor anything the anonymous API hides", async () => {
    const html = (await page(`/tasks/${task.id}`)).body;
    assert.doesNotMatch(html, /SEALED-ENTRY-SECRET|teapot/);
    assert.doesNotMatch(html, new RegExp(buyer.email.replace(/[.+]/g, "\\$&")), "no e-mail address");
    const api = await t.app.inject({ method: "GET", url: `/api/v1/tasks/${task.id}/entries` });
    assert.doesNotMatch(api.body, /SEALED-ENTRY-SECRET/, "the API hides it from anonymous readers too");
  });

  test("titles are HTML-escaped: a <script> in a title is text", async () => {
    const evil = await postContest(t, buyer, {
      title: `</title><script>alert("x")</script> & "Co" 's $&`,
      brief: `<img src=x onerror=alert(1)> brief`,
      submissionDeadline: "2099-06-02T10:00:00Z",
    });
    const html = (await page(`/tasks/${evil.id}`)).body;
    assert.doesNotMatch(html, /<script>alert|<img src=x|<\/title><script/);
    assert.equal(
      titleOf(html),
      "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot; &#39;s $&amp; · 两江",
    );
    assert.equal(
      metaContent(html, "og:title"),
      "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot; &#39;s $&amp; · 两江",
    );
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; brief/);
    assert.equal((html.match(/<script\b/g) ?? []).length, 1, "only the app's own script");
  });

  test("an unknown or malformed task id → 404 with the generic head", async () => {
    for (const url of [
      "/tasks/00000000-0000-4000-8000-000000000000",
      "/tasks/not-a-task",
      "/tasks/0b6c1a9e/",
    ]) {
      const res = await page(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers["content-type"] as string, /^text\/html/, url);
      assert.equal(titleOf(res.body), "两江 · 创意服务托管交易平台", url);
      assert.doesNotMatch(res.body, /茶馆标志设计/, url);
    }
  });

  test("HEAD as GET; br and gzip when accepted, the same page inside", async () => {
    const plain = await page(`/tasks/${task.id}`);
    const head = await t.app.inject({ method: "HEAD", url: `/tasks/${task.id}` });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, "");
    const br = await page(`/tasks/${task.id}`, { "accept-encoding": "gzip, deflate, br" });
    assert.equal(br.headers["content-encoding"], "br");
    assert.match(br.headers.vary as string, /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    const gz = await page(`/tasks/${task.id}`, { "accept-encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    const none = await page(`/tasks/${task.id}`, { "accept-encoding": "br;q=0, identity" });
    assert.equal(none.headers["content-encoding"], undefined);
  });
});

describe("the other public pages", () => {
  test("home: the site's title and tags; English from Accept-Language, the lj_locale cookie first", async () => {
    const zh = (await page("/")).body;
    assert.equal(titleOf(zh), "两江 · 创意服务托管交易平台");
    assert.equal(metaContent(zh, "og:type"), "website");
    assert.equal(metaContent(zh, "og:url"), `${SITE}/`);
    const en = await page("/", { "accept-language": "en-US,en;q=0.9,zh-CN;q=0.5" });
    assert.equal(en.statusCode, 200);
    assert.equal(titleOf(en.body), "Liangjiang · Creative services with escrow");
    assert.equal(metaContent(en.body, "og:locale"), "en_US");
    assert.equal(metaContent(en.body, "og:site_name"), "Liangjiang");
    assert.match(en.body, /<html lang="en">/);
    const cookie = await page("/", { "accept-language": "en", cookie: "lj_locale=zh-CN" });
    assert.equal(metaContent(cookie.body, "og:locale"), "zh_CN");
  });

  test("the contest list names the open contests with links", async () => {
    const res = await page("/contests", { "accept-language": "en" });
    assert.equal(res.statusCode, 200);
    assert.equal(titleOf(res.body), "Contests · Liangjiang");
    assert.match(res.body, new RegExp(`<a href="/tasks/${task.id}">茶馆标志设计</a> · CN¥2,500\\.00`));
  });

  test("a public profile by its display name; unknown → 404", async () => {
    const res = await page(`/users/${buyer.user.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(titleOf(res.body), "茶馆老板 · 两江");
    assert.equal(metaContent(res.body, "og:type"), "profile");
    assert.doesNotMatch(res.body, /@example\.com/);
    const missing = await page("/users/00000000-0000-4000-8000-000000000000");
    assert.equal(missing.statusCode, 404);
    assert.equal(titleOf(missing.body), "两江 · 创意服务托管交易平台");
  });

  test("other pages of the router get the generic head (200); unknown paths 404", async () => {
    for (const url of ["/wallet", "/login?next=/wallet", "/reset-password?token=abc", "/forgot-password"]) {
      const res = await page(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(titleOf(res.body), "两江 · 创意服务托管交易平台", url);
      assert.equal(metaContent(res.body, "og:url"), `${SITE}${url.split("?")[0]}`, "no query string");
    }
    assert.equal((await page("/no/such/page")).statusCode, 404);
  });
});

test("escapeHtml and pageLocale", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const req = (headers: Record<string, string>, cookies: Record<string, string> = {}) =>
    ({ headers, cookies }) as unknown as Parameters<typeof pageLocale>[0];
  assert.equal(pageLocale(req({})), "zh-CN");
  assert.equal(pageLocale(req({ "accept-language": "fr-FR,en;q=0.8" })), "en");
  assert.equal(pageLocale(req({ "accept-language": "zh-TW,en;q=0.9" })), "zh-CN");
  assert.equal(pageLocale(req({ "accept-language": "en;q=0.1,zh;q=0.9" })), "zh-CN");
  assert.equal(pageLocale(req({ "accept-language": "de" })), "zh-CN");
  assert.equal(pageLocale(req({ "accept-language": "zh" }, { lj_locale: "en" })), "en");
});
