// The sandbox verification provider: behaves like a two-element check without any registry.
//   - a number whose check digit is wrong (GB 11643 for identity numbers, GB 32100 for credit
//     codes) → invalid
//   - a legal name containing "mismatch" or "不符" → mismatch
//   - anything else → match
// Answers asynchronously, like a network call, with a unique reference.
import { randomUUID } from "node:crypto";
import type { IdentityCheck, ProviderAnswer, VerificationProvider } from "./provider.ts";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643-1999: the 18th character of a resident identity number. */
export function identityNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015: the 18th character of a unified social credit code. */
export function creditCodeValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i] as string) * (USCC_WEIGHTS[i] as number);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17];
}

export const sandboxVerificationProvider: VerificationProvider = Object.freeze({
  name: "sandbox",
  async check(input: IdentityCheck): Promise<ProviderAnswer> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reference = `sbx_${randomUUID()}`;
    const valid =
      input.kind === "person" ? identityNumberValid(input.idNumber) : creditCodeValid(input.creditCode);
    if (!valid) return { reference, result: "invalid" };
    if (/mismatch|不符/i.test(input.legalName)) return { reference, result: "mismatch" };
    return { reference, result: "match" };
  },
});
