// What the contest tests share: funding a wallet through the real sandbox webhook, posting a
// contest, entering, reading wallets and the audit — all through the HTTP API.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import type { TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { AccountCodes, CNY } from "../../ledger/chart.ts";
import { sumAccounts } from "../../ledger/ledger.ts";
import { sandboxNotification } from "../../payments/sandbox.ts";

export type Who = SignedUp | undefined;

export function call(
  t: TestApp,
  who: Who,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: url.startsWith("/api/") ? url : `/api/v1${url}`,
    headers: { ...(who ? who.headers : {}), ...headers },
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  const json = res.json();
  assert.equal(json.error?.code, code, res.body);
  assert.equal(typeof json.error.message, "string");
  assert.doesNotMatch(res.body, /at \S+ \(|node:internal|\.ts:\d+/, "no stack trace");
}

/** Top up `amountMinor` through the sandbox provider's signed webhook (delivered synchronously). */
export async function fund(t: TestApp, who: SignedUp, amountMinor: number) {
  const res = await call(t, who, "POST", "/wallet/top-ups", { amountMinor, method: "alipay" });
  assert.equal(res.statusCode, 201, res.body);
  const topUpId = res.json().topUp.id as string;
  // As the sandbox provider: charge the top-up, then notify (the audit reconciles the two).
  const { body, headers } = await sandboxNotification(t.db, t.config.dataDir, {
    id: `evt_${topUpId}_succeeded`,
    type: "payment.succeeded",
    topUpId,
    amountMinor,
    currency: "CNY",
  });
  const hook = await t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers,
    payload: body,
  });
  assert.equal(hook.statusCode, 200, hook.body);
}

export async function wallet(t: TestApp, who: SignedUp) {
  const res = await call(t, who, "GET", "/wallet");
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { availableMinor: number; inEscrowMinor: number; pendingWithdrawalMinor: number };
}

export const platformRevenue = (t: TestApp) => sumAccounts(t.db, AccountCodes.platformRevenue, CNY);

export const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

export function contestBody(overrides: Record<string, unknown> = {}) {
  return {
    mode: "contest",
    title: "茶馆标志设计 Tea house logo",
    brief: "A logo for a Chongqing tea house: warm, simple, works in one colour.",
    categoryId: "logo",
    prizesMinor: [200_000, 50_000],
    submissionDeadline: inFuture(3 * 86_400_000),
    ...overrides,
  };
}

export async function postContest(
  t: TestApp,
  buyer: SignedUp,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await call(t, buyer, "POST", "/tasks", contestBody(overrides), headers);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().task as {
    id: string;
    status: string;
    escrowMinor: number;
    poolMinor: number;
    prizesMinor: number[];
    submissionDeadline: string;
  };
}

export async function enterText(t: TestApp, provider: SignedUp, taskId: string, text: string) {
  const res = await call(t, provider, "POST", `/tasks/${taskId}/entries`, { text });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().entry as { id: string; status: string; providerId: string };
}

export type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** A multipart request, as a browser's FormData would send it. */
export async function multipart(
  t: TestApp,
  who: Who,
  url: string,
  parts: Part[],
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  for (const p of parts) {
    if (typeof p.value === "string" && p.filename === undefined) form.append(p.name, p.value);
    else
      form.append(
        p.name,
        new Blob([p.value], { type: p.type ?? "application/octet-stream" }),
        p.filename ?? "x",
      );
  }
  const request = new Request("http://local/", { method: "POST", body: form });
  return t.app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: {
      ...(who ? who.headers : {}),
      "content-type": request.headers.get("content-type") as string,
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

/** A small, distinct logo-like PNG (seeded so that two seeds give two different designs). */
export async function logoPng(seed = 1, width = 480, height = 360): Promise<Buffer> {
  const hue = (seed * 67) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue},40%,92%)"/>
    <circle cx="${width * (0.3 + (seed % 4) * 0.1)}" cy="${height / 2}" r="${height / (3 + (seed % 3))}" fill="hsl(${hue},70%,40%)"/>
    <rect x="${width * 0.55}" y="${height * (0.2 + (seed % 5) * 0.05)}" width="${width * 0.3}" height="${height * 0.4}" fill="hsl(${(hue + 150) % 360},60%,45%)" transform="rotate(${seed * 13} ${width / 2} ${height / 2})"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function enterImage(t: TestApp, provider: SignedUp, taskId: string, png: Buffer, text?: string) {
  const parts: Part[] = [{ name: "files", value: png, filename: "logo.png", type: "image/png" }];
  if (text) parts.unshift({ name: "text", value: text });
  const res = await multipart(t, provider, `/tasks/${taskId}/entries`, parts);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().entry as {
    id: string;
    files: {
      id: string;
      thumbnailUrl: string | null;
      previewUrl: string | null;
      originalUrl: string | null;
    }[];
  };
}

const operators = new WeakMap<TestApp, SignedUp>();
export async function audit(t: TestApp) {
  const operator = operators.get(t) ?? (await signUpOperator(t.app, t));
  operators.set(t, operator);
  const res = await call(t, operator, "GET", "/admin/ledger/audit");
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { ok: boolean; checks: { name: string; ok: boolean }[] };
  assert.equal(body.ok, true, JSON.stringify(body.checks.filter((c) => !c.ok)));
  assert.ok(body.checks.some((c) => c.name === "escrow_matches_owed"));
  return body;
}

export async function waitFor<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const key = () => randomUUID();
export { signUp };
