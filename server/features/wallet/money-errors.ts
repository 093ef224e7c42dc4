// Ledger refusals as API errors: an overdraft is 402, anything else from the ledger is a bug.
import { AppError } from "../../http/errors.ts";
import { LedgerError } from "../../ledger/ledger.ts";

const isWallet = (id: unknown) => typeof id === "string" && id.startsWith("wallet:");

export async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof LedgerError &&
      (error.code === "exceeds_credits" || (error.code === "account_not_found" && isWallet(error.details.id)))
    ) {
      throw new AppError("insufficient_funds", "Not enough available money in the wallet", {
        availableMinor: error.details.availableMinor ?? 0,
      });
    }
    throw error;
  }
}
