// Money arithmetic that must never round by accident. Amounts are integer fen in 0..10^12 (API.md),
// rates are basis points in 0..10000; amount × bps reaches 10^16 > 2^53, so the product is taken in
// BigInt and only the (exact) quotient comes back as a number.
import { MAX_AMOUNT } from "./chart.ts";

export const MAX_BPS = 10_000;

export type FeeSplit = Readonly<{ feeMinor: number; netMinor: number }>;

/**
 * The platform's share of `amountMinor` at `bps` basis points, rounded down (in the provider's
 * favour), and what is left: fee ≤ amount and fee + net = amount, always. Throws RangeError on an
 * amount or a rate outside its bounds (a bug upstream, never a rounding).
 */
export function splitFee(amountMinor: number, bps: number): FeeSplit {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT) {
    throw new RangeError(`amount must be an integer in 0..10^12 fen, got ${amountMinor}`);
  }
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > MAX_BPS) {
    throw new RangeError(`rate must be an integer in 0..10000 bps, got ${bps}`);
  }
  const feeMinor = Number((BigInt(amountMinor) * BigInt(bps)) / BigInt(MAX_BPS));
  return { feeMinor, netMinor: amountMinor - feeMinor };
}

export function feeOf(amountMinor: number, bps: number): number {
  return splitFee(amountMinor, bps).feeMinor;
}
