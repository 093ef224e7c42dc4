// The fee split: exact for every amount up to 10^12 fen and every rate up to 100 %, whatever the
// size of amount × bps (up to 10^16, beyond 2^53 where doubles round).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { MAX_AMOUNT } from "./chart.ts";
import { feeOf, splitFee } from "./money.ts";

// Amounts near 10^12 where amount × 9999 is one short of a multiple of 10^4: a double rounds the
// product up and Math.floor(a * bps / 10^4) overcharged by one fen.
const nearTheTop = fc.integer({ min: 0, max: 99_999_999 }).map((j) => MAX_AMOUNT - 9_999 - 10_000 * j);
const amounts = fc.oneof(fc.integer({ min: 1, max: MAX_AMOUNT }), nearTheTop, fc.constant(MAX_AMOUNT));
const rates = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 1, 9_999, 10_000));

test("fee = ⌊amount × bps / 10^4⌋ exactly, fee ≤ amount, fee + net = gross (fast-check)", () => {
  fc.assert(
    fc.property(amounts, rates, (amount, bps) => {
      const { feeMinor, netMinor } = splitFee(amount, bps);
      assert.ok(Number.isSafeInteger(feeMinor) && Number.isSafeInteger(netMinor));
      assert.ok(feeMinor >= 0 && feeMinor <= amount, `fee ${feeMinor} of ${amount}`);
      assert.equal(feeMinor + netMinor, amount);
      // The definition, in exact integers: fee·10^4 ≤ amount·bps < (fee + 1)·10^4.
      const product = BigInt(amount) * BigInt(bps);
      assert.ok(BigInt(feeMinor) * 10_000n <= product && product < BigInt(feeMinor + 1) * 10_000n);
      assert.equal(feeOf(amount, bps), feeMinor);
    }),
    { numRuns: 20_000 },
  );
});

test("examples: the rounding a double got wrong, the bounds", () => {
  assert.equal(feeOf(999_999_990_001, 9_999), 999_899_990_001); // Math.floor gave …002
  assert.deepEqual(splitFee(MAX_AMOUNT, 10_000), { feeMinor: MAX_AMOUNT, netMinor: 0 });
  assert.deepEqual(splitFee(1, 9_999), { feeMinor: 0, netMinor: 1 });
  assert.deepEqual(splitFee(0, 500), { feeMinor: 0, netMinor: 0 });
  for (const [amount, bps] of [
    [MAX_AMOUNT + 1, 100],
    [2 ** 53, 100],
    [-1, 100],
    [1.5, 100],
    [100, 10_001],
    [100, -1],
    [100, 0.5],
    [Number.NaN, 1],
  ] as const) {
    assert.throws(() => splitFee(amount, bps), RangeError, `${amount} at ${bps}`);
  }
});
