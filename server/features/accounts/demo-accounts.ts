// Demo accounts for a new installation: a buyer, a provider and an operator with known passwords,
// printed at start-up. Only into a database without accounts. Other features' seeders find them by
// e-mail (DEMO_ACCOUNTS) to hang their demo tasks and services on them.
import { randomBytes } from "node:crypto";
import type { Tx } from "../../db/database.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { hashPassword } from "./passwords.ts";

export const DEMO_ACCOUNTS = {
  buyer: {
    email: "buyer@demo.liangjiang.dev",
    password: "demo-buyer-2468",
    displayName: "王老板 (demo buyer)",
    roles: [] as string[],
  },
  provider: {
    email: "provider@demo.liangjiang.dev",
    password: "demo-provider-2468",
    displayName: "山城设计工作室 (demo provider)",
    roles: [] as string[],
  },
  operator: {
    email: "operator@demo.liangjiang.dev",
    password: "demo-operator-2468",
    displayName: "运营小李 (demo operator)",
    roles: ["operator"],
  },
} as const;

export async function seedDemoAccounts(tx: Tx): Promise<{ role: string; email: string; password: string }[]> {
  const any = await tx.selectFrom("accounts").select("id").limit(1).executeTakeFirst();
  if (any) return [];
  const logins = [];
  for (const [role, demo] of Object.entries(DEMO_ACCOUNTS)) {
    const row = await tx
      .insertInto("accounts")
      .values({
        email: demo.email,
        password_hash: await hashPassword(demo.password),
        display_name: demo.displayName,
        locale: "zh-CN",
        roles: [...demo.roles],
        email_verified_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (demo.roles.length > 0) {
      await recordAudit(tx, {
        action: AuditActions.roleGranted,
        subject: { type: "account", id: row.id },
        details: { role: "operator", by: "demo-seed" },
      });
    }
    logins.push({ role, email: demo.email, password: demo.password });
  }
  return logins;
}

/**
 * A demo account other seeders hang their content on (a shop, a bidder): found by e-mail — another
 * seeder may have made it — or made, with a random password nobody knows (nobody signs in as it).
 */
export async function demoAccount(
  tx: Tx,
  account: Readonly<{ email: string; displayName: string; locale: "zh-CN" | "en" }>,
): Promise<string> {
  const found = await tx
    .selectFrom("accounts")
    .select("id")
    .where("email", "=", account.email)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto("accounts")
    .values({
      email: account.email,
      display_name: account.displayName,
      password_hash: await hashPassword(randomBytes(24).toString("base64url")),
      locale: account.locale,
      email_verified_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
