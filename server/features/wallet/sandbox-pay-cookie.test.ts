// A signed-in payer on the sandbox pay page: the browser attaches the session cookie to the page's
// plain HTML form (no X-CSRF-Token). The provider's endpoints do not act for an account, so that
// must pay (303 back to the wallet), not refuse with the CSRF 403 meant for our own API.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { randomIp } from "../../../test/helpers/factories.ts";

const t = await startTestApp({ workers: true });
after(() => t.close());

test("the sandbox pay form works for a payer signed in by cookie, and the API still demands CSRF", async () => {
  const register = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/register",
    remoteAddress: randomIp(),
    payload: { email: `payer-${Date.now()}@example.com`, password: "Pw-long-enough-1", displayName: "Payer" },
  });
  assert.equal(register.statusCode, 201, register.body);
  const { token, csrfToken } = register.json() as { token: string; csrfToken: string };
  const cookie = `lj_session=${token}; lj_csrf=${csrfToken}`;

  const created = await t.app.inject({
    method: "POST",
    url: "/api/v1/wallet/top-ups",
    headers: { cookie, "x-csrf-token": csrfToken },
    payload: { amountMinor: 2_500, method: "alipay" },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().topUp.id as string;

  // The pay page's form, as a browser posts it: cookie attached, no CSRF header.
  const paid = await t.app.inject({
    method: "POST",
    url: `/api/v1/payments/sandbox/top-ups/${id}/pay`,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: "outcome=succeeded",
  });
  assert.equal(paid.statusCode, 303, paid.body);

  let available = 0;
  for (let i = 0; i < 100 && available !== 2_500; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const wallet = await t.app.inject({ method: "GET", url: "/api/v1/wallet", headers: { cookie } });
    available = wallet.json().availableMinor;
  }
  assert.equal(available, 2_500);

  // Our own API is unchanged: an unsafe cookie request without the CSRF header is still refused.
  const withoutCsrf = await t.app.inject({
    method: "POST",
    url: "/api/v1/wallet/top-ups",
    headers: { cookie },
    payload: { amountMinor: 100, method: "alipay" },
  });
  assert.equal(withoutCsrf.statusCode, 403);
});
