// What the service tests share: listing a service through the HTTP API.
import assert from "node:assert/strict";
import type { Service } from "../../../contracts/services.ts";
import type { TestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";

export const PACKAGES = [
  { tier: "basic", priceMinor: 50_000, deliveryDays: 3, revisions: 1, description: "一个方案 One concept" },
  { tier: "standard", priceMinor: 120_000, deliveryDays: 5, revisions: 2, description: "三个方案 Three" },
  { tier: "premium", priceMinor: 300_000, deliveryDays: 7, revisions: 3, description: "全套 The full set" },
];

export function serviceBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "标志设计 Logo design",
    description: "原创标志设计，含源文件。Original logo design with source files.",
    categoryId: "logo",
    packages: PACKAGES,
    ...overrides,
  };
}

/** POST /services as `provider` (201). */
export async function postService(
  t: TestApp,
  provider: SignedUp,
  overrides: Record<string, unknown> = {},
): Promise<Service> {
  const res = await call(t, provider, "POST", "/services", serviceBody(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().service as Service;
}
