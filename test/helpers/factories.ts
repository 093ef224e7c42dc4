// Factories that build what a test needs through the real API (or, for what has no API, through
// the same use case the CLI runs). Every call makes new, unique rows: tests never share state.

import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Me } from "../../contracts/accounts.ts";
import { inTransaction } from "../../server/core/transaction.ts";
import type { Database } from "../../server/db/database.ts";
import { grantOperatorRole } from "../../server/features/accounts/grant-operator-role.ts";

export type SignedUp = Readonly<{
  user: Me;
  token: string;
  /** `{ authorization: "Bearer …" }`: spread into `app.inject({ headers })`. */
  headers: Readonly<{ authorization: string }>;
  email: string;
  password: string;
}>;

export type SignUpOverrides = Partial<{
  email: string;
  password: string;
  displayName: string;
  locale: "zh-CN" | "en";
}>;

/** A random IP per sign-up, so that a test making many accounts never meets the per-IP limit. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

let counter = 0;

/** A new account through POST /api/v1/auth/register. */
export async function signUp(app: FastifyInstance, overrides: SignUpOverrides = {}): Promise<SignedUp> {
  counter++;
  const email = overrides.email ?? `user-${counter}-${randomBytes(4).toString("hex")}@example.com`;
  const password = overrides.password ?? `Pw-${randomBytes(9).toString("base64url")}`;
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/register",
    remoteAddress: randomIp(),
    payload: {
      email,
      password,
      displayName: overrides.displayName ?? `Tester ${counter}`,
      ...(overrides.locale ? { locale: overrides.locale } : {}),
    },
  });
  if (res.statusCode !== 201) throw new Error(`signUp failed: ${res.statusCode} ${res.body}`);
  const { user, token } = res.json() as { user: Me; token: string };
  return { user, token, headers: { authorization: `Bearer ${token}` }, email, password };
}

/** Give an account the operator role (as `npm run cli -- operator grant` does); existing tokens see it at once. */
export async function makeOperator(deps: { db: Database }, userId: string): Promise<void> {
  await inTransaction(deps.db, (tx) => grantOperatorRole(tx, { accountId: userId, by: "test" }));
}

/** A signed-up account that is an operator. */
export async function signUpOperator(
  app: FastifyInstance,
  deps: { db: Database },
  overrides: SignUpOverrides = {},
): Promise<SignedUp> {
  const account = await signUp(app, overrides);
  await makeOperator(deps, account.user.id);
  return account;
}
