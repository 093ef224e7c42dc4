// Ledger refusals as API errors: an overdraft is 402, anything else from the ledger is a bug.
import { AppError } from "../../http/errors.ts";
import { LedgerError } from "../../ledger/ledger.ts";

export async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LedgerError && error.code === "exceeds_credits") {
      throw new AppError("insufficient_funds", "Not enough available money in the wallet", {
        availableMinor: error.details.availableMinor,
      });
    }
    throw error;
  }
}
