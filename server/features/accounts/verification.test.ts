// Verification: e-mail/phone codes through the outbox, real-name and enterprise checks through the
// sandbox provider, the operators' review queue, badges on the public profile, the audit log.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { assertAccess } from "../../../test/helpers/access.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { lastCode, mailsTo } from "../../../test/helpers/mail.ts";
import { creditCodeValid, identityNumberValid } from "../../verification/sandbox.ts";

const t = await startTestApp();
after(() => t.close());

// A valid resident identity number (GB 11643 check digit) and credit code (GB 32100).
const ID_NUMBER = "11010519491231002X";
const CREDIT_CODE = "91350100M000100Y43";

const post = (who: SignedUp | undefined, url: string, payload?: object) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });

test("the sandbox's check digits are the real ones", () => {
  assert.ok(identityNumberValid(ID_NUMBER));
  assert.ok(!identityNumberValid("110105194912310021"));
  assert.ok(creditCodeValid(CREDIT_CODE));
  assert.ok(!creditCodeValid("91350100M000100Y44"));
});

describe("e-mail and phone codes", () => {
  test("an e-mail code arrives in the outbox and confirms the address once", async () => {
    const a = await signUp(t.app);
    const sent = await post(a, "/me/verification/email/send");
    assert.equal(sent.statusCode, 202, sent.body);
    assert.doesNotMatch(sent.body, /\d{6}/, "the code is never in the response");
    const code = await lastCode(t, a.email);
    const wrong = await post(a, "/me/verification/email/confirm", {
      code: code === "000000" ? "111111" : "000000",
    });
    assert.equal(wrong.statusCode, 400);
    const ok = await post(a, "/me/verification/email/confirm", { code });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().user.verification.email, "verified");
    const again = await post(a, "/me/verification/email/confirm", { code });
    assert.equal(again.statusCode, 400, "single use");
    const profile = (await t.app.inject(`/api/v1/users/${a.user.id}`)).json().user;
    assert.deepEqual(profile.badges, ["email"]);
    assert.equal(profile.verified, false, "e-mail alone is not identity");
  });

  test("a code dies after 5 wrong guesses, and when it expires", async () => {
    const a = await signUp(t.app);
    await post(a, "/me/verification/email/send");
    const code = await lastCode(t, a.email);
    const wrongCode = code === "999999" ? "888888" : "999999";
    for (let i = 0; i < 5; i++)
      assert.equal((await post(a, "/me/verification/email/confirm", { code: wrongCode })).statusCode, 400);
    const late = await post(a, "/me/verification/email/confirm", { code });
    assert.equal(late.statusCode, 400);
    assert.match(late.json().error.message, /Request a new one/);

    await post(a, "/me/verification/email/send");
    const fresh = await lastCode(t, a.email);
    await t.db
      .updateTable("contact_codes")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("account_id", "=", a.user.id)
      .execute();
    assert.equal((await post(a, "/me/verification/email/confirm", { code: fresh })).statusCode, 400);
  });

  test("sending codes is rate limited → 429", async () => {
    const a = await signUp(t.app);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(a, "/me/verification/email/send")).statusCode);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429, 429]);
  });

  test("a phone number is confirmed by SMS code (sandbox outbox); bad numbers → 400", async () => {
    const a = await signUp(t.app);
    const sent = await post(a, "/me/verification/phone/send", { phone: "138 0013 8000" });
    assert.equal(sent.statusCode, 202, sent.body);
    assert.equal(sent.json().sentTo, "+86138****8000");
    const code = await lastCode(t, "+8613800138000");
    const ok = await post(a, "/me/verification/phone/confirm", { code });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().user.verification.phone, "verified");
    assert.equal(ok.json().user.verification.phoneMasked, "+86138****8000");
    for (const phone of ["12", "not a phone", "+0123", "x".repeat(300)]) {
      assert.equal((await post(a, "/me/verification/phone/send", { phone })).statusCode, 400, phone);
    }
    for (const code of ["12345", "abcdef", "1234567", ""]) {
      assert.equal((await post(a, "/me/verification/phone/confirm", { code })).statusCode, 400, code);
    }
    // Another account cannot take the confirmed number.
    const b = await signUp(t.app);
    await post(b, "/me/verification/phone/send", { phone: "+8613800138000" });
    const taken = await post(b, "/me/verification/phone/confirm", {
      code: await lastCode(t, "+8613800138000"),
    });
    assert.equal(taken.statusCode, 409);
  });
});

describe("real-name and enterprise verification", () => {
  test("submit → operator approves → badge on the public profile; audit-logged", async () => {
    const a = await signUp(t.app);
    const operator = await signUpOperator(t.app, t);
    const submitted = await post(a, "/me/verification/identity", {
      kind: "person",
      legalName: "张三",
      idNumber: ID_NUMBER.toLowerCase(),
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const v = submitted.json().verification;
    assert.equal(v.status, "pending");
    assert.equal(v.providerResult, "match");
    assert.equal(v.numberMasked, "1101**********002X");
    assert.doesNotMatch(submitted.body, /11010519491231002X/, "the full number is not echoed or stored");
    const stored = await t.db
      .selectFrom("identity_verifications")
      .selectAll()
      .where("id", "=", v.id)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(stored), /19491231/);

    const me = (await t.app.inject({ url: "/api/v1/me", headers: a.headers })).json().user;
    assert.equal(me.verification.realName, "pending");
    assert.equal(
      (await post(a, "/me/verification/identity", { kind: "person", legalName: "张三", idNumber: ID_NUMBER }))
        .statusCode,
      409,
      "one pending at a time",
    );

    const queue = await t.app.inject({
      url: "/api/v1/admin/verifications?status=pending",
      headers: operator.headers,
    });
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.json().items.some((item: { id: string }) => item.id === v.id));

    const approved = await post(operator, `/admin/verifications/${v.id}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().verification.status, "approved");
    assert.equal(
      (await post(operator, `/admin/verifications/${v.id}/approve`)).statusCode,
      409,
      "decided once",
    );
    assert.equal(
      (await post(operator, `/admin/verifications/${v.id}/reject`, { reason: "late" })).statusCode,
      409,
    );

    const profile = (await t.app.inject(`/api/v1/users/${a.user.id}`)).json().user;
    assert.equal(profile.verified, true);
    assert.ok(profile.badges.includes("real_name"));
    assert.equal(
      (await t.app.inject({ url: "/api/v1/me", headers: a.headers })).json().user.verification.realName,
      "verified",
    );

    const audit = await t.app.inject({
      url: "/api/v1/admin/audit?action=verification.identity_approved",
      headers: operator.headers,
    });
    assert.ok(audit.json().items.some((e: { subject: { id: string } }) => e.subject.id === v.id));
    const mail = await mailsTo(t, a.email);
    assert.ok(
      mail.some((m) => /已通过/.test(m.subject)),
      "the owner is told",
    );
  });

  test("reject needs a reason, which the owner sees; they may submit again; enterprise works alike", async () => {
    const a = await signUp(t.app, { locale: "en" });
    const operator = await signUpOperator(t.app, t);
    const v = (
      await post(a, "/me/verification/identity", {
        kind: "enterprise",
        legalName: "重庆山城设计有限公司 mismatch",
        creditCode: CREDIT_CODE,
      })
    ).json().verification;
    assert.equal(v.providerResult, "mismatch");
    assert.equal((await post(operator, `/admin/verifications/${v.id}/reject`, {})).statusCode, 400);
    assert.equal(
      (await post(operator, `/admin/verifications/${v.id}/reject`, { reason: "   " })).statusCode,
      400,
    );
    const rejected = await post(operator, `/admin/verifications/${v.id}/reject`, {
      reason: "Name does not match the licence",
    });
    assert.equal(rejected.statusCode, 200);
    const own = (await t.app.inject({ url: "/api/v1/me/verification/identity", headers: a.headers })).json()
      .items;
    assert.equal(own[0].status, "rejected");
    assert.equal(own[0].reason, "Name does not match the licence");
    assert.equal(
      (await t.app.inject({ url: "/api/v1/me", headers: a.headers })).json().user.verification.enterprise,
      "rejected",
    );
    const again = await post(a, "/me/verification/identity", {
      kind: "enterprise",
      legalName: "重庆山城设计有限公司",
      creditCode: CREDIT_CODE,
    });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().verification.providerResult, "match");
    await post(operator, `/admin/verifications/${again.json().verification.id}/approve`);
    const profile = (await t.app.inject(`/api/v1/users/${a.user.id}`)).json().user;
    assert.ok(profile.badges.includes("enterprise"));
  });

  test("bad identity input → 400; a wrong check digit is 'invalid' for the operator to see", async () => {
    const a = await signUp(t.app);
    for (const payload of [
      {},
      { kind: "passport", legalName: "x", idNumber: ID_NUMBER },
      { kind: "person", legalName: "", idNumber: ID_NUMBER },
      { kind: "person", legalName: "张三", idNumber: "123" },
      { kind: "person", legalName: "张三", creditCode: CREDIT_CODE },
      { kind: "enterprise", legalName: "公司", creditCode: "IIIIIIIIIIIIIIIIII" },
      { kind: "person", legalName: "x".repeat(101), idNumber: ID_NUMBER },
      { kind: "person", legalName: "张\u0000三", idNumber: ID_NUMBER },
      { kind: "person", legalName: ["张三"], idNumber: ID_NUMBER },
    ]) {
      assert.equal(
        (await post(a, "/me/verification/identity", payload)).statusCode,
        400,
        JSON.stringify(payload),
      );
    }
    const invalid = await post(a, "/me/verification/identity", {
      kind: "person",
      legalName: "张三",
      idNumber: "110105194912310021",
    });
    assert.equal(invalid.statusCode, 201);
    assert.equal(invalid.json().verification.providerResult, "invalid");
  });

  test("identity submissions are rate limited per account (each is a paid provider call) → 429", async () => {
    const a = await signUp(t.app);
    const operator = await signUpOperator(t.app, t);
    for (let i = 0; i < 5; i++) {
      const res = await post(a, "/me/verification/identity", {
        kind: "person",
        legalName: "赵六",
        idNumber: ID_NUMBER,
      });
      assert.equal(res.statusCode, 201, res.body);
      await post(operator, `/admin/verifications/${res.json().verification.id}/reject`, {
        reason: `try ${i}`,
      });
    }
    const sixth = await post(a, "/me/verification/identity", {
      kind: "person",
      legalName: "赵六",
      idNumber: ID_NUMBER,
    });
    assert.equal(sixth.statusCode, 429);
    assert.ok(Number(sixth.headers["retry-after"]) > 0);
  });

  test("an operator cannot approve their own verification", async () => {
    const operator = await signUpOperator(t.app, t);
    const v = (
      await post(operator, "/me/verification/identity", {
        kind: "person",
        legalName: "李四",
        idNumber: ID_NUMBER,
      })
    ).json().verification;
    assert.equal((await post(operator, `/admin/verifications/${v.id}/approve`)).statusCode, 403);
  });
});

describe("access matrix", () => {
  const submit = (owner: SignedUp) =>
    post(owner, "/me/verification/identity", { kind: "person", legalName: "王五", idNumber: ID_NUMBER }).then(
      (r) => r.json().verification.id as string,
    );

  test("POST /me/verification/identity", async () => {
    await assertAccess(t, {
      request: () => ({
        method: "POST",
        url: "/api/v1/me/verification/identity",
        payload: { kind: "person", legalName: "王五", idNumber: ID_NUMBER },
      }),
      expect: { anonymous: 401, stranger: 201, owner: 201, operator: 201 },
    });
  });

  test("GET /me/verification/identity", async () => {
    await assertAccess(t, {
      setup: submit,
      request: () => ({ method: "GET", url: "/api/v1/me/verification/identity" }),
      expect: { anonymous: 401, stranger: 200, owner: 200, operator: 200 },
      check: (caller, res, { data }) => {
        const ids = res.json().items?.map((i: { id: string }) => i.id) ?? [];
        assert.equal(ids.includes(data), caller === "owner", `${caller} sees only their own requests`);
      },
    });
  });

  test("POST /me/verification/email/send and /:channel/confirm", async () => {
    await assertAccess(t, {
      request: () => ({ method: "POST", url: "/api/v1/me/verification/email/send" }),
      expect: { anonymous: 401, stranger: 202, owner: 202, operator: 202 },
    });
    await assertAccess(t, {
      request: () => ({
        method: "POST",
        url: "/api/v1/me/verification/phone/send",
        payload: { phone: "+8613900139000" },
      }),
      expect: { anonymous: 401, stranger: 202, owner: 202, operator: 202 },
    });
    await assertAccess(t, {
      request: () => ({
        method: "POST",
        url: "/api/v1/me/verification/email/confirm",
        payload: { code: "123456" },
      }),
      // No code was sent to these callers: a 400, never a 500.
      expect: { anonymous: 401, stranger: 400, owner: 400, operator: 400 },
    });
  });

  test("GET /admin/verifications", async () => {
    await assertAccess(t, {
      request: () => ({ method: "GET", url: "/api/v1/admin/verifications" }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
  });

  test("POST /admin/verifications/:id/approve and /reject", async () => {
    await assertAccess(t, {
      setup: submit,
      request: ({ data }) => ({ method: "POST", url: `/api/v1/admin/verifications/${data}/approve` }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
    await assertAccess(t, {
      setup: submit,
      request: ({ data }) => ({
        method: "POST",
        url: `/api/v1/admin/verifications/${data}/reject`,
        payload: { reason: "blurry" },
      }),
      expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
    });
    const operator = await signUpOperator(t.app, t);
    for (const id of ["00000000-0000-0000-0000-000000000000", "nope"]) {
      assert.equal((await post(operator, `/admin/verifications/${id}/approve`)).statusCode, 404);
    }
  });

  test("GET /admin/audit and /admin/outbox", async () => {
    for (const url of ["/api/v1/admin/audit", "/api/v1/admin/outbox"]) {
      await assertAccess(t, {
        request: () => ({ method: "GET", url }),
        expect: { anonymous: 401, stranger: 403, owner: 403, operator: 200 },
      });
    }
  });
});

describe("audit log", () => {
  test("log-ins, failed log-ins and role grants are recorded; pages by cursor; filters by account", async () => {
    const a = await signUp(t.app);
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: a.email, password: "wrong password!" },
    });
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: a.email, password: a.password },
    });
    const operator = await signUpOperator(t.app, t);
    const res = await t.app.inject({
      url: `/api/v1/admin/audit?accountId=${a.user.id}&limit=100`,
      headers: operator.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    for (const action of ["account.signed_up", "account.login_failed", "account.logged_in"])
      assert.ok(actions.includes(action), action);
    assert.doesNotMatch(res.body, /wrong password!/, "passwords never reach the log");

    const grants = await t.app.inject({
      url: "/api/v1/admin/audit?action=account.role_granted",
      headers: operator.headers,
    });
    assert.ok(
      grants.json().items.some((e: { subject: { id: string } }) => e.subject.id === operator.user.id),
    );

    const page1 = (
      await t.app.inject({ url: "/api/v1/admin/audit?limit=2", headers: operator.headers })
    ).json();
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const page2 = (
      await t.app.inject({
        url: `/api/v1/admin/audit?limit=2&cursor=${page1.nextCursor}`,
        headers: operator.headers,
      })
    ).json();
    assert.ok(Number(page2.items[0].id) < Number(page1.items[1].id));
    for (const q of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "cursor=xyz",
      "accountId=a%00b",
      "action=DROP%20TABLE",
    ]) {
      assert.equal(
        (await t.app.inject({ url: `/api/v1/admin/audit?${q}`, headers: operator.headers })).statusCode,
        400,
        q,
      );
    }
  });

  test("the audit table is append-only: UPDATE and DELETE are refused by the database", async () => {
    await signUp(t.app);
    await assert.rejects(t.db.updateTable("audit_events").set({ action: "x.y" }).execute(), /append-only/);
    await assert.rejects(t.db.deleteFrom("audit_events").execute(), /append-only/);
  });
});
