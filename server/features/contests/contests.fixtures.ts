// What the contest tests share: posting a contest, entering (text or an image), the ledger audit
// — all through the HTTP API.
import assert from "node:assert/strict";
import sharp from "sharp";
import type { TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, multipart, type Part } from "../../../test/helpers/http.ts";
import { ledgerAudit } from "../../../test/helpers/money.ts";

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

/** GET /admin/ledger/audit passes, the contests' escrow check among it. */
export const audit = (t: TestApp) => ledgerAudit(t, "escrow_matches_owed");

// The general helpers live in test/helpers/ (http, money, wait); re-exported for the contest tests.
export { call, expectError, key, multipart, type Part, type Who } from "../../../test/helpers/http.ts";
export { fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
export { waitFor } from "../../../test/helpers/wait.ts";
export { signUp };
