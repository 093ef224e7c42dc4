// Ledger refusals as API errors: an overdraft is 402, anything else from the ledger is a bug.
// The 402's details come from the ledger itself, read under the wallet's lock (API.md):
// { availableMinor (what the wallet really had, ≥ 0), requiredMinor, shortMinor }.
import { AppError } from "../core/errors.ts";
import { LedgerError } from "./ledger.ts";

const isWallet = (id: unknown) => typeof id === "string" && id.startsWith("wallet:");
const fen = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);

export function isInsufficientFunds(error: unknown): error is LedgerError {
  return (
    error instanceof LedgerError &&
    ((error.code === "exceeds_credits" && isWallet(error.details.accountId)) ||
      (error.code === "account_not_found" && isWallet(error.details.id)))
  );
}

export function insufficientFunds(
  error: LedgerError,
  message = "Not enough available money in the wallet",
): AppError {
  const availableMinor = Math.max(0, fen(error.details.availableMinor));
  const requiredMinor = fen(error.details.requiredMinor);
  return new AppError("insufficient_funds", message, {
    availableMinor,
    requiredMinor,
    shortMinor: Math.max(0, requiredMinor - availableMinor),
  });
}

export async function asApiErrors<T>(work: () => Promise<T>, message?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isInsufficientFunds(error)) throw insufficientFunds(error, message);
    throw error;
  }
}
