// Forgot password, step 1: e-mail a single-use reset link to the account with this address. The
// answer is the same (202) whether or not the address has an account, so the form is no oracle;
// requests are limited per IP and per address (counted for unknown addresses too), so neither the
// answer nor a 429 tells them apart. The token is 256 random bits, kept only as its SHA-256, and
// expires an hour after the request by the injected clock. Older links stay valid until they
// expire (a slow e-mail must not kill the newer one); a successful reset uses them all up.

import { createHash, randomBytes } from "node:crypto";
import type { PasswordResetRequestBody } from "../../../contracts/accounts.ts";
import { after } from "../../core/clock.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import { hit, rateLimited } from "../../http/rate-limit.ts";
import { queueMessage } from "../../mail/outbox.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { findAccountByEmail } from "./accounts.queries.ts";
import { PasswordResetLimits } from "./limits.ts";

export const RESET_PATH = "/reset-password";

export function hashResetToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

export async function requestPasswordReset(
  deps: Pick<Deps, "db" | "config" | "jobs" | "clock">,
  input: PasswordResetRequestBody,
  meta: { ip?: string | null },
): Promise<void> {
  const email = input.email.toLowerCase();
  const ip = meta.ip ?? "?";
  const byIp = await hit(deps.db, `pwreset:ip:${ip}`, PasswordResetLimits.perIp);
  if (byIp.limited) throw rateLimited(byIp.retryAfterSeconds, TOO_MANY);
  const byEmail = await hit(deps.db, `pwreset:email:${email}`, PasswordResetLimits.perEmail);
  if (byEmail.limited) throw rateLimited(byEmail.retryAfterSeconds, TOO_MANY);

  const account = await findAccountByEmail(deps.db, email);
  // Unknown or suspended: nothing is sent, and the answer is the same.
  if (account?.status !== "active") return;

  const token = randomBytes(32).toString("base64url");
  const now = deps.clock.now();
  const link = `${deps.config.publicUrl.replace(/\/+$/, "")}${RESET_PATH}?token=${token}`;
  const zh = account.locale === "zh-CN";
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto("password_resets")
      .values({
        account_id: account.id,
        token_hash: hashResetToken(token),
        created_at: now,
        expires_at: after(deps.clock, PasswordResetLimits.ttlMs),
        requested_ip: meta.ip ?? null,
      })
      .execute();
    await queueMessage(tx, deps, {
      channel: "email",
      to: account.email,
      subject: zh ? "重置您的两江密码" : "Reset your Liangjiang password",
      body: zh
        ? `您好，${account.display_name}：\n\n有人（希望是您）请求重置此账户的密码。请在 1 小时内打开下面的链接设置新密码，链接只能使用一次：\n\n${link}\n\n设置新密码后，所有已登录的设备都会退出。如果不是您本人操作，请忽略此邮件，您的密码不会改变。`
        : `Hello ${account.display_name},\n\nSomeone (hopefully you) asked to reset the password of this account. Open the link below within 1 hour to choose a new password; it works once:\n\n${link}\n\nOnce the new password is set, every signed-in device is signed out. If it was not you, ignore this e-mail: your password stays as it is.`,
    });
    await recordAudit(tx, {
      action: AuditActions.passwordResetRequested,
      actorAccountId: null,
      subject: { type: "account", id: account.id },
      ip: meta.ip,
    });
  });
}

const TOO_MANY = "Too many password reset requests; try again later";
