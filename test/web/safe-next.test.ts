import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNext } from "../../web/src/features/accounts/safe-next.ts";

test("safeNext keeps paths of this app, with their query and hash", () => {
  assert.equal(safeNext("/wallet"), "/wallet");
  assert.equal(safeNext("/account/verification"), "/account/verification");
  assert.equal(safeNext("/tasks/42?tab=entries#e-3"), "/tasks/42?tab=entries#e-3");
  assert.equal(safeNext("/contests?q=%E6%A0%87%E5%BF%97"), "/contests?q=%E6%A0%87%E5%BF%97");
  assert.equal(safeNext("/users/%E4%B8%AD"), "/users/%E4%B8%AD");
});

test("safeNext refuses other sites, however they are spelled", () => {
  for (const next of [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/wallet",
    "javascript:alert(1)",
    "evil.example",
    " /wallet",
    "/%2F/evil.example",
    "/%5Cevil.example",
  ]) {
    assert.equal(safeNext(next), undefined, JSON.stringify(next));
  }
});

test("safeNext refuses what the browser would mangle or refuse: control characters, bad escapes", () => {
  // `?next=/%09/evil.example` arrives decoded as "/\t/evil.example", which a URL parser reads as
  // "//evil.example": navigating there throws, and the person stayed on the log-in page.
  for (const next of [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/x",
    "/\u0000x",
    "/%09/evil.example",
    "/%0a",
    "/%E0%A4%A",
    "/%",
  ]) {
    assert.equal(safeNext(next), undefined, JSON.stringify(next));
  }
  assert.equal(safeNext(null), undefined);
  assert.equal(safeNext(""), undefined);
});
