// The demo seed's conversation: both demo logins find it in their inbox, masked as the filter says.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.ts";
import { call } from "../contests/contests.fixtures.ts";
import { seedDemo } from "../demo/seed.ts";

const t = await startTestApp({ workers: true });
after(() => t.close());

async function logIn(email: string, password: string) {
  const res = await call(t, undefined, "POST", "/auth/login", { email, password });
  assert.equal(res.statusCode, 200, res.body);
  const token = res.json().token as string;
  return { token, headers: { authorization: `Bearer ${token}` } } as never;
}

test("the demo buyer and provider find their conversation in the inbox", async () => {
  assert.equal((await seedDemo(t.db, t)).seeded, true);
  const buyer = await logIn(DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.buyer.password);
  const provider = await logIn(DEMO_ACCOUNTS.provider.email, DEMO_ACCOUNTS.provider.password);
  const inbox = (await call(t, buyer, "GET", "/threads")).json();
  assert.equal(inbox.items.length, 1);
  assert.equal(inbox.items[0].subject.type, "task");
  assert.match(inbox.items[0].lastMessage.text, /both, landscape first/);
  const messages = (await call(t, provider, "GET", `/threads/${inbox.items[0].id}/messages`)).json();
  assert.equal(messages.items.length, 2);
  const question = messages.items[1];
  // Masked unless a paid demo award already links the two.
  assert.equal(question.text.includes("demo_designer88"), !question.masked);
});
