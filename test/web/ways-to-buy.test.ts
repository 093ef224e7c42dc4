import assert from "node:assert/strict";
import { test } from "node:test";
import { isWebRoute } from "../../contracts/web-routes.ts";
import { availableWaysToBuy, honest, waysToBuy } from "../../web/src/features/home/ways-to-buy.ts";

test("contests, piece-rate, tenders and service orders are offered as ways to buy (issues 11 and 10 switched them on)", () => {
  const offered = availableWaysToBuy().map((way) => way.id);
  assert.ok(offered.includes("contest"));
  assert.ok(offered.includes("piecework"));
  assert.ok(offered.includes("tender"));
  assert.ok(offered.includes("service"));
  assert.deepEqual(
    waysToBuy.map((way) => way.id),
    ["contest", "piecework", "tender", "service"],
  );
});

test("an offered way to buy links to pages the app has", () => {
  for (const way of availableWaysToBuy()) {
    for (const link of [way.post, way.browse]) {
      assert.ok(link, `${way.id} says where to start`);
      assert.ok(isWebRoute(link.to), `${way.id}: ${link.to} is a page of the app`);
    }
  }
});

test("a promise that needs what does not exist yet is left out", () => {
  const shown = honest([
    { key: "home.hero.point1" },
    { key: "home.hero.pointDisputes", needs: "disputes" },
    { key: "home.fair.item3", needs: "reviews" },
    { key: "home.ways.contest.name", needs: "contest" },
  ] as const);
  assert.deepEqual(
    shown.map((claim) => claim.key),
    ["home.hero.point1", "home.ways.contest.name"],
  );
});
