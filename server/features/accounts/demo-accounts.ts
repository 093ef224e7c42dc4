// Demo accounts for a new installation: a buyer, a provider and an operator with known passwords,
// printed at start-up. Only into a database without accounts. Other features' seeders find them by
// e-mail (DEMO_ACCOUNTS) to hang their demo tasks and services on them.
// Also the seeders' shared kit (server/features/demo/seed.ts runs them): the cast of demo accounts
// (demoCast), the actor they act as (demoActor), a deadline some days ahead (demoDeadline) and a
// drawn demo image stored through the upload pipeline (storeDemoSvg); the top-up is
// wallet/demo-top-up.ts. It lives here, not in demo/, because demo/seed.ts imports every seeder.
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import type { AccountActor } from "../../core/actor.ts";
import type { Clock } from "../../core/clock.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { ingestFile } from "../../files/ingest.ts";
import type { StoredFile } from "../../files/stored-file.ts";
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

/** A demo account without a known password: it only populates the marketplace (shops, bids, entries). */
export type DemoExtra = Readonly<{ email: string; displayName: string; locale: "zh-CN" | "en" }>;

/** The providers besides the demo provider that the seeders share (each seeder picks its own). */
export const DEMO_PROVIDERS = {
  chen: { email: "chen.design@demo.liangjiang.dev", displayName: "陈设计 Chen Design", locale: "zh-CN" },
  inkAndPixel: {
    email: "ink-and-pixel@demo.liangjiang.dev",
    displayName: "Ink & Pixel Studio",
    locale: "en",
  },
  xiaoyu: { email: "xiaoyu.copy@demo.liangjiang.dev", displayName: "小雨文案", locale: "zh-CN" },
  jiefangCode: {
    email: "jiefang-code@demo.liangjiang.dev",
    displayName: "解放碑码农 Jiefangbei Code",
    locale: "zh-CN",
  },
  liangjiangIp: {
    email: "liangjiang-ip@demo.liangjiang.dev",
    displayName: "两江知识产权 Liangjiang IP",
    locale: "zh-CN",
  },
} as const satisfies Record<string, DemoExtra>;

/**
 * A demo account other seeders hang their content on (a shop, a bidder): found by e-mail — another
 * seeder may have made it — or made, with a random password nobody knows (nobody signs in as it).
 */
export async function demoAccount(tx: Tx, account: DemoExtra): Promise<string> {
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

/**
 * Who a seeder's demo content belongs to: the demo buyer, and the providers — index 0 the demo
 * provider, then `extras` in order (found or made). Undefined when the demo logins are missing
 * (a database that had accounts before the first start): the seeder then adds nothing.
 */
export async function demoCast(
  tx: Tx,
  extras: readonly DemoExtra[] = [],
): Promise<{ buyerId: string; providerIds: string[] } | undefined> {
  const rows = await tx
    .selectFrom("accounts")
    .select(["id", "email"])
    .where("email", "in", [DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.provider.email])
    .execute();
  const buyerId = rows.find((a) => a.email === DEMO_ACCOUNTS.buyer.email)?.id;
  const providerId = rows.find((a) => a.email === DEMO_ACCOUNTS.provider.email)?.id;
  if (!buyerId || !providerId) return undefined;
  const providerIds = [providerId];
  for (const extra of extras) providerIds.push(await demoAccount(tx, extra));
  return { buyerId, providerIds };
}

/** The actor a seeder calls the use cases as (what the auth hook would make of that account's token). */
export const demoActor = (accountId: string): AccountActor => ({
  kind: "account",
  accountId,
  roles: [],
  sessionId: "demo-seed",
});

const DAY = 86_400_000;

/** A deadline `days` ahead of the clock, as the API takes it (ISO 8601). */
export const demoDeadline = (clock: Clock, days: number): string =>
  new Date(clock.now().getTime() + days * DAY).toISOString();

/** Text for a drawn SVG: the five XML specials as character references. */
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A drawn SVG as a PNG, stored through the upload pipeline (files/ingest.ts) as an upload is. */
export async function storeDemoSvg(
  deps: Pick<Deps, "files">,
  svg: string,
  name: string,
): Promise<StoredFile> {
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return ingestFile(deps.files, png, { name });
}
