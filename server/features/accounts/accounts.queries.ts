// Reads of accounts: find* may return nothing, get* throws not_found.
import { sql } from "kysely";
import type { Badge, Me, PublicProfile, Verification } from "../../../contracts/accounts.ts";
import type { Role } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import type { Queryable } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";

export type AccountRow = Readonly<{
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: "zh-CN" | "en";
  roles: string[];
  status: "active" | "suspended";
  email_verified_at: Date | null;
  phone: string | null;
  phone_verified_at: Date | null;
  created_at: Date;
}>;

const accountColumns = [
  "id",
  "email",
  "password_hash",
  "display_name",
  "locale",
  "roles",
  "status",
  "email_verified_at",
  "phone",
  "phone_verified_at",
  "created_at",
] as const;

export async function findAccountByEmail(db: Queryable, email: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .select(accountColumns)
    .where(sql`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findAccountById(db: Queryable, id: string): Promise<AccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("accounts").select(accountColumns).where("id", "=", id).executeTakeFirst();
}

export async function getAccount(db: Queryable, id: string): Promise<AccountRow> {
  const account = await findAccountById(db, id);
  if (!account) throw notFound("Account");
  return account;
}

type IdentityState = { person: Verification["realName"]; enterprise: Verification["enterprise"] };

/** The latest identity verification per kind: none / pending / verified / rejected. */
export async function identityStates(db: Queryable, accountIds: readonly string[]) {
  const states = new Map<string, IdentityState>();
  for (const id of accountIds) states.set(id, { person: "none", enterprise: "none" });
  if (accountIds.length === 0) return states;
  const rows = await db
    .selectFrom("identity_verifications")
    .select(["account_id", "kind", "status"])
    .distinctOn(["account_id", "kind"])
    .where("account_id", "in", accountIds)
    // An approved check stays valid when a later request is pending or rejected.
    .orderBy("account_id")
    .orderBy("kind")
    .orderBy(sql`status = 'approved'`, "desc")
    .orderBy("submitted_at", "desc")
    .execute();
  for (const row of rows) {
    const state = states.get(row.account_id);
    if (!state) continue;
    state[row.kind] = row.status === "approved" ? "verified" : row.status;
  }
  return states;
}

export function maskPhone(phone: string): string {
  return phone.length > 8 ? `${phone.slice(0, -8)}****${phone.slice(-4)}` : "****";
}

export function presentMe(account: AccountRow, identity: IdentityState): Me {
  return {
    id: account.id,
    email: account.email,
    displayName: account.display_name,
    roles: account.roles as Role[],
    locale: account.locale,
    verification: {
      email: account.email_verified_at ? "verified" : "unverified",
      phone: account.phone_verified_at ? "verified" : "unverified",
      phoneMasked: account.phone ? maskPhone(account.phone) : null,
      realName: identity.person,
      enterprise: identity.enterprise,
    },
    createdAt: account.created_at.toISOString(),
  };
}

export async function getMe(db: Queryable, accountId: string): Promise<Me> {
  const account = await getAccount(db, accountId);
  const identity = (await identityStates(db, [accountId])).get(accountId);
  return presentMe(account, identity ?? { person: "none", enterprise: "none" });
}

/** Anyone may see this; suspended accounts are not found. */
export async function getPublicProfile(db: Queryable, accountId: string): Promise<PublicProfile> {
  const account = await findAccountById(db, accountId);
  if (account?.status !== "active") throw notFound("User");
  const identity = (await identityStates(db, [account.id])).get(account.id);
  const badges: Badge[] = [];
  if (account.email_verified_at) badges.push("email");
  if (account.phone_verified_at) badges.push("phone");
  if (identity?.person === "verified") badges.push("real_name");
  if (identity?.enterprise === "verified") badges.push("enterprise");
  return {
    id: account.id,
    displayName: account.display_name,
    // Reputation (levels and the explainable score) comes with the reviews feature.
    level: 0,
    score: null,
    verified: badges.includes("real_name") || badges.includes("enterprise"),
    badges,
    stats: { memberSince: account.created_at.toISOString() },
  };
}
