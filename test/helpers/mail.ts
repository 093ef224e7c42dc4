// What the app "sent": in tests there is no SMTP or SMS gateway, every message waits in the dev
// outbox (outbox_messages), so a test reads codes and links from there as a person reads their mail.
import assert from "node:assert/strict";
import type { Database } from "../../server/db/database.ts";

/** The messages to one e-mail address or phone number, oldest first. */
export function mailsTo(deps: { db: Database }, recipient: string) {
  return deps.db
    .selectFrom("outbox_messages")
    .select(["subject", "body"])
    .where("recipient", "=", recipient)
    .orderBy("created_at")
    .execute();
}

/** The six-digit code of the last message to this address or number. */
export async function lastCode(deps: { db: Database }, recipient: string): Promise<string> {
  const last = (await mailsTo(deps, recipient)).at(-1);
  assert.ok(last, `no message to ${recipient}`);
  const match = /(\d{6})/.exec(last.body);
  assert.ok(match, last.body);
  return match[1] as string;
}
