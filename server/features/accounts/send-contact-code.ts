// Sends a 6-digit confirmation code to the account's e-mail address or to a phone number. Codes
// are single use, expire after 10 minutes, are stored hashed, and a new one replaces the old.
// Sending is rate limited per account and channel.

import { createHash, randomInt } from "node:crypto";
import { sql } from "kysely";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { conflict } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { hit, rateLimited } from "../../http/rate-limit.ts";
import { queueMessage } from "../../mail/outbox.ts";
import { getAccount, maskPhone } from "./accounts.queries.ts";
import { CodeLimits } from "./limits.ts";

export function hashCode(codeId: string, code: string): Buffer {
  return createHash("sha256").update(`${codeId}:${code}`).digest();
}

export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}***@${domain}`;
}

export async function sendContactCode(
  deps: Pick<Deps, "db" | "jobs" | "config">,
  actor: AccountActor,
  input: { channel: "email" | "phone"; phone?: string },
): Promise<{ sentTo: string; expiresAt: string }> {
  const account = await getAccount(deps.db, actor.accountId);
  if (input.channel === "email" && account.email_verified_at) {
    throw conflict("The e-mail address is already confirmed");
  }
  if (input.channel === "phone" && input.phone && account.phone === input.phone) {
    throw conflict("This phone number is already confirmed");
  }
  const limit = await hit(
    deps.db,
    `code:send:${input.channel}:${actor.accountId}`,
    CodeLimits.sendsPerAccount,
  );
  if (limit.limited) throw rateLimited(limit.retryAfterSeconds, "Too many codes requested; try again later");

  const destination = input.channel === "email" ? account.email : (input.phone as string);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(Date.now() + CodeLimits.ttlMs);
  const zh = account.locale === "zh-CN";
  await inTransaction(deps.db, async (tx) => {
    // A new code replaces the previous ones of the channel.
    await tx
      .updateTable("contact_codes")
      .set({ expires_at: sql`least(expires_at, now())` })
      .where("account_id", "=", actor.accountId)
      .where("channel", "=", input.channel)
      .where("used_at", "is", null)
      .execute();
    const { id } = await tx
      .insertInto("contact_codes")
      .values({
        account_id: actor.accountId,
        channel: input.channel,
        destination,
        // Placeholder, replaced below once the id (part of the hash input) is known.
        code_hash: Buffer.alloc(32),
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("contact_codes")
      .set({ code_hash: hashCode(id, code) })
      .where("id", "=", id)
      .execute();
    await queueMessage(tx, deps, {
      channel: input.channel === "email" ? "email" : "sms",
      to: destination,
      subject: zh ? "两江验证码" : "Your Liangjiang confirmation code",
      body: zh
        ? `您的验证码是 ${code}，10 分钟内有效。如非本人操作，请忽略。`
        : `Your confirmation code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
    });
  });
  return {
    sentTo: input.channel === "email" ? maskEmail(destination) : maskPhone(destination),
    expiresAt: expiresAt.toISOString(),
  };
}
