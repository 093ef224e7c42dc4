// Requests through app.inject as a client would send them: JSON as someone (or no one), multipart
// as a browser's FormData, and the one check of an error answer.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import type { TestApp } from "./app.ts";
import type { SignedUp } from "./factories.ts";

/** Who sends the request: someone signed up, or no one (anonymous). */
export type Who = SignedUp | undefined;

/** An API call; a path without `/api/` is taken under `/api/v1`. */
export function call(
  t: Pick<TestApp, "app">,
  who: Who,
  method: "GET" | "POST" | "PATCH" | "DELETE",
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

/** The one error shape (`{ error: { code, message, details? }, requestId }`), no stack trace. */
export function expectError(res: { statusCode: number; body: string }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  const json = JSON.parse(res.body);
  assert.deepEqual(Object.keys(json).sort(), ["error", "requestId"], res.body);
  assert.equal(json.error?.code, code, res.body);
  assert.equal(typeof json.error.message, "string");
  assert.ok(json.error.message.length > 0);
  assert.doesNotMatch(res.body, /at \S+ \(|node:internal|\.ts:\d+/, "no stack trace");
}

export type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** A multipart body as a browser's FormData sends it: its content-type header and its bytes. */
export async function multipartBody(parts: Part[]): Promise<{ contentType: string; payload: Buffer }> {
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
  return {
    contentType: request.headers.get("content-type") as string,
    payload: Buffer.from(await request.arrayBuffer()),
  };
}

/** A multipart POST to the API as someone (or no one). */
export async function multipart(
  t: Pick<TestApp, "app">,
  who: Who,
  url: string,
  parts: Part[],
): Promise<LightMyRequestResponse> {
  const { contentType, payload } = await multipartBody(parts);
  return t.app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: { ...(who ? who.headers : {}), "content-type": contentType },
    payload,
  });
}

/** A fresh Idempotency-Key. */
export const key = () => randomUUID();
