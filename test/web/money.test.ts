import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMoney } from "../../web/src/lib/money.ts";

test("formatMoney renders fen as yuan with grouping and two decimals", () => {
  assert.equal(formatMoney(123456), "¥1,234.56");
  assert.equal(formatMoney(0), "¥0.00");
  assert.equal(formatMoney(5), "¥0.05");
  assert.equal(formatMoney(200000), "¥2,000.00");
  assert.equal(formatMoney(100_000_000_000_000), "¥1,000,000,000,000.00");
  assert.equal(formatMoney(-1050), "-¥10.50");
});

test("formatMoney can leave out .00 for whole yuan", () => {
  assert.equal(formatMoney(200000, { trimWholeFen: true }), "¥2,000");
  assert.equal(formatMoney(200050, { trimWholeFen: true }), "¥2,000.50");
});

test("formatMoney refuses floats", () => {
  assert.throws(() => formatMoney(12.5), RangeError);
  assert.throws(() => formatMoney(Number.NaN), RangeError);
});
