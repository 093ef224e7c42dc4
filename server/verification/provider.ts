// The verification-provider port: real-name (person: legal name + resident identity number) and
// enterprise (company name + unified social credit code) checks. A real provider (e.g. a bank-card
// or public-security two-element check) plugs in behind the same interface; the sandbox ships.
import { sandboxVerificationProvider } from "./sandbox.ts";

export type IdentityCheck =
  | Readonly<{ kind: "person"; legalName: string; idNumber: string }>
  | Readonly<{ kind: "enterprise"; legalName: string; creditCode: string }>;

export type ProviderAnswer = Readonly<{
  /** The provider's id for this check, kept for support and disputes. */
  reference: string;
  /** match: the number exists and belongs to that name; mismatch: it does not; invalid: no such number. */
  result: "match" | "mismatch" | "invalid";
}>;

export type VerificationProvider = Readonly<{
  name: string;
  check(input: IdentityCheck): Promise<ProviderAnswer>;
}>;

export function verificationProvider(_config: unknown): VerificationProvider {
  return sandboxVerificationProvider;
}
