// The sandbox provider can mint money: it must not run in production by accident, its webhook
// secret is this install's own, and only the top-up's owner or the holder of its pay URL pays it.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, describe, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { createTopUp } from "../../../test/helpers/money.ts";
import { loadConfig } from "../../config.ts";
import { assertSandboxAllowed } from "../../payments/providers.ts";
import { payToken, sandboxWebhookSecret, secretFile } from "../../payments/sandbox.ts";

const t = await startTestApp();
after(() => t.close());

const topUp = (who: SignedUp, amountMinor = 1_000) => createTopUp(t, who, amountMinor);

const pay = (
  id: string,
  options: { headers?: Record<string, string>; token?: string; query?: string } = {},
) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/payments/sandbox/top-ups/${id}/pay${options.query ?? ""}`,
    headers: options.headers ?? {},
    payload: { outcome: "succeeded", ...(options.token !== undefined ? { token: options.token } : {}) },
  });

const charged = async (id: string) =>
  (await t.db.selectFrom("sandbox_charges").select("top_up_id").where("top_up_id", "=", id).execute()).length;

describe("who may pay a top-up", () => {
  test("nobody but its owner or its pay URL's holder: others get 404 and nothing is charged", async () => {
    const owner = await signUp(t.app);
    const stranger = await signUp(t.app);
    const mine = await topUp(owner);
    const other = await topUp(stranger);
    const page = (query: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url: `/api/v1/payments/sandbox/top-ups/${mine.id}${query}`, headers });

    const refusals = [
      await pay(mine.id),
      await pay(mine.id, { headers: stranger.headers }),
      await pay(mine.id, { token: "x".repeat(43) }),
      await pay(mine.id, { token: payToken(sandboxWebhookSecret(t.config.dataDir), other.id) }),
      await pay(mine.id, { token: new URL(other.payUrl).searchParams.get("token") ?? "" }),
      await pay(mine.id, { headers: { authorization: "Bearer lj_not-a-session" } }),
      await page(""),
      await page("", stranger.headers),
      await page("?token=wrong"),
    ];
    for (const r of refusals) {
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, "not_found");
    }
    assert.equal(await charged(mine.id), 0);

    // The pay URL the owner got works for whoever holds it (the page, its form, the API).
    const url = new URL(mine.payUrl);
    assert.equal((await page(url.search)).statusCode, 200);
    assert.equal((await page("", owner.headers)).statusCode, 200);
    const byToken = await pay(mine.id, { query: url.search });
    assert.equal(byToken.statusCode, 202, byToken.body);
    assert.equal(await charged(mine.id), 1);
  });

  test("the owner pays by Bearer token without the pay URL's token", async () => {
    const owner = await signUp(t.app);
    const mine = await topUp(owner);
    const res = await pay(mine.id, { headers: owner.headers });
    assert.equal(res.statusCode, 202, res.body);
  });
});

describe("the webhook secret", () => {
  test("is random per install, 64 hex digits in a 0600 file under DATA_DIR, stable across reads", async () => {
    const secret = sandboxWebhookSecret(t.config.dataDir);
    assert.match(secret, /^[0-9a-f]{64}$/);
    assert.notEqual(secret, "whsec_sandbox_liangjiang_not_a_secret");
    assert.equal(fs.statSync(secretFile(t.config.dataDir)).mode & 0o777, 0o600);
    assert.equal(sandboxWebhookSecret(t.config.dataDir), secret);
    const other = fs.mkdtempSync(`${t.config.dataDir}-other-`);
    try {
      assert.notEqual(sandboxWebhookSecret(other), secret, "another install has another secret");
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("production", () => {
  test("refuses to start the sandbox under NODE_ENV=production unless ALLOW_SANDBOX_PAYMENTS=true", async () => {
    const production = loadConfig({ NODE_ENV: "production", DATA_DIR: t.config.dataDir });
    assert.throws(() => assertSandboxAllowed(production), /ALLOW_SANDBOX_PAYMENTS=true/);
    assert.doesNotThrow(() =>
      assertSandboxAllowed(loadConfig({ NODE_ENV: "production", ALLOW_SANDBOX_PAYMENTS: "true" })),
    );
    assert.doesNotThrow(() => assertSandboxAllowed(loadConfig({ NODE_ENV: "development" })));
    // buildApp (what the server starts) refuses too, not only main.ts's early check.
    await assert.rejects(startTestApp({ env: { NODE_ENV: "production" } }), /ALLOW_SANDBOX_PAYMENTS=true/);
  });
});
