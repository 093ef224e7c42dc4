import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";
import { parseDurationMs } from "./lib/duration.ts";

test("defaults follow the configuration table of API.md", () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.platformFeeBps, 1000);
  assert.equal(config.timers.contestSelectionMs, 7 * 86_400_000);
  assert.equal(config.timers.orderConfirmMs, 48 * 3_600_000);
  assert.equal(config.seedDemo, true);
  assert.equal(config.withdrawalAutoApproveMaxMinor, 0);
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.timers));
});

test("a bad value stops start-up with a message naming the variable", () => {
  for (const [name, value] of [
    ["PORT", "eighty"],
    ["PLATFORM_FEE_BPS", "-5"],
    ["TIMER_AUTO_ACCEPT", "five days"],
    ["DATABASE_URL", "mysql://x"],
    ["SEED_DEMO", "maybe"],
  ] as const) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (error: unknown) => error instanceof ConfigError && error.message.includes(name),
      `${name}=${value}`,
    );
  }
});

test("ISO-8601 durations", () => {
  assert.equal(parseDurationMs("P7D"), 604_800_000);
  assert.equal(parseDurationMs("PT48H"), 172_800_000);
  assert.equal(parseDurationMs("P1DT12H30M"), 131_400_000);
  assert.equal(parseDurationMs("PT0.5S"), 500);
  assert.equal(parseDurationMs("P1M"), undefined, "months have no fixed length");
  assert.equal(parseDurationMs("P"), undefined);
  assert.equal(parseDurationMs("7 days"), undefined);
});

test("TRUST_PROXY: off by default; true, a hop count or a list of addresses; anything else stops start-up", () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: "true" }).trustProxy, true);
  assert.equal(loadConfig({ TRUST_PROXY: "2" }).trustProxy, 2);
  assert.deepEqual(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.0.0.0/8" }).trustProxy, [
    "10.0.0.1",
    "10.0.0.0/8",
  ]);
  assert.throws(() => loadConfig({ TRUST_PROXY: "yes please" }), /TRUST_PROXY/);
});

test("timers of PRODUCT.md all have their defaults", () => {
  const { timers } = loadConfig({});
  assert.equal(timers.handoverMs, 7 * 86_400_000);
  assert.equal(timers.pieceReviewMs, 3 * 86_400_000);
  assert.equal(timers.tenderSelectionMs, 14 * 86_400_000);
  assert.equal(timers.milestoneOverdueMs, 30 * 86_400_000);
  assert.equal(loadConfig({ TIMER_HANDOVER: "PT1H" }).timers.handoverMs, 3_600_000);
});
