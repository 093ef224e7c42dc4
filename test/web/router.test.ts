// The web router's matching (web/src/app/match-route.ts) agrees with the server's isWebRoute: a page
// the server answers 200 is a page the app renders, with its :params; anything else is not found.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isWebRoute, webRoutes } from "../../contracts/web-routes.ts";
import { matchRoute } from "../../web/src/app/match-route.ts";

test("matchRoute finds every page of webRoutes with its params, as isWebRoute does", () => {
  assert.deepEqual(matchRoute("/"), { name: "home", params: {} });
  assert.deepEqual(matchRoute("/tasks/abc-123"), { name: "task", params: { id: "abc-123" } });
  assert.deepEqual(matchRoute("/users/u%201/"), { name: "profile", params: { id: "u 1" } });
  assert.deepEqual(matchRoute("/Contests/New"), { name: "postContest", params: {} });
  assert.equal(matchRoute("/contests/new")?.name, "postContest", "a fixed segment wins over nothing");
  assert.equal(matchRoute("/tasks/%E0%A4%A"), null, "a malformed escape is not found, not a crash");
  for (const path of ["/no/such/page", "/tasks", "/tasks/a/b", "/admin", "/wallet/x"]) {
    assert.equal(matchRoute(path), null, path);
    assert.equal(isWebRoute(path), false, path);
  }
  for (const pattern of Object.values(webRoutes)) {
    const path = pattern.replaceAll(/:\w+/g, "x1");
    assert.ok(isWebRoute(path), path);
    assert.notEqual(matchRoute(path), null, path);
  }
});
