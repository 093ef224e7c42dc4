// Confirms an e-mail address or phone number with the code sent to it. Wrong guesses are counted
// on the code (committed even though the request fails); after 5 the code is dead.

import { timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { conflict, invalidInput } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { AuditActions, recordAudit } from "../audit/record-audit.ts";
import { CodeLimits } from "./limits.ts";
import { hashCode } from "./send-contact-code.ts";

type Outcome = "confirmed" | "wrong" | "none" | "phone_taken";

export async function confirmContactCode(
  deps: Pick<Deps, "db">,
  actor: AccountActor,
  input: { channel: "email" | "phone"; code: string },
): Promise<void> {
  const outcome = await inTransaction(deps.db, async (tx): Promise<Outcome> => {
    const row = await tx
      .selectFrom("contact_codes")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("channel", "=", input.channel)
      .where("used_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .orderBy("created_at", "desc")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.attempts >= CodeLimits.attemptsPerCode) return "none";
    if (!timingSafeEqual(hashCode(row.id, input.code), row.code_hash)) {
      await tx
        .updateTable("contact_codes")
        .set({ attempts: row.attempts + 1 })
        .where("id", "=", row.id)
        .execute();
      return "wrong";
    }
    if (input.channel === "phone") {
      const taken = await tx
        .selectFrom("accounts")
        .select("id")
        .where("phone", "=", row.destination)
        .where("id", "<>", actor.accountId)
        .executeTakeFirst();
      if (taken) return "phone_taken";
    }
    await tx.updateTable("contact_codes").set({ used_at: sql`now()` }).where("id", "=", row.id).execute();
    await tx
      .updateTable("accounts")
      .set(
        input.channel === "email"
          ? { email_verified_at: sql`now()`, updated_at: sql`now()` }
          : { phone: row.destination, phone_verified_at: sql`now()`, updated_at: sql`now()` },
      )
      .where("id", "=", actor.accountId)
      .execute();
    await recordAudit(tx, {
      action: AuditActions.contactVerified,
      actorAccountId: actor.accountId,
      subject: { type: "account", id: actor.accountId },
      details: { channel: input.channel },
    });
    return "confirmed";
  });
  if (outcome === "wrong") {
    throw invalidInput("The code is wrong", { issues: [{ path: "body.code", message: "is wrong" }] });
  }
  if (outcome === "none") {
    throw invalidInput(
      "No valid code: it expired, was used, or was guessed wrong too often. Request a new one",
      {
        issues: [{ path: "body.code", message: "is no longer valid" }],
      },
    );
  }
  if (outcome === "phone_taken") throw conflict("This phone number belongs to another account");
}
