// What the tender tests share: posting a tender and bidding on it, through the HTTP API.
import assert from "node:assert/strict";
import type { TestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import type { Clock } from "../../core/clock.ts";

export const DAY = 86_400_000;

export function tenderBody(clock: Clock, overrides: Record<string, unknown> = {}) {
  return {
    mode: "tender",
    title: "小程序开发 A mini-program for a hotpot restaurant",
    brief: "Table ordering and queueing for a Chongqing hotpot restaurant, WeChat mini-program.",
    categoryId: "mini-program",
    budgetMinor: 3_000_000,
    bidDeadline: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
    ...overrides,
  };
}

export type TenderTask = {
  id: string;
  mode: "tender";
  status: string;
  escrowMinor: number;
  budgetMinor: number | null;
  bidDeadline: string;
  selectionEndsAt: string | null;
  sealedBids: boolean;
  bidCount: number;
};

export async function postTender(
  t: TestApp,
  clock: Clock,
  buyer: SignedUp,
  overrides: Record<string, unknown> = {},
): Promise<TenderTask> {
  const res = await call(t, buyer, "POST", "/tasks", tenderBody(clock, overrides));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().task;
}

export function bidBody(amounts: number[] = [400_000, 600_000], overrides: Record<string, unknown> = {}) {
  return {
    amountMinor: amounts.reduce((a, b) => a + b, 0),
    days: 30,
    proposal: "Design first, then the ordering flow; weekly previews. 先设计，再开发点餐流程。",
    milestones: amounts.map((amountMinor, i) => ({ title: `Milestone ${i + 1} 阶段${i + 1}`, amountMinor })),
    ...overrides,
  };
}

export type BidView = {
  id: string;
  taskId: string;
  providerId: string;
  status: string;
  amountMinor: number;
  days: number;
  proposal: string;
  milestones: { title: string; amountMinor: number }[];
  orderId: string | null;
};

export async function placeBid(
  t: TestApp,
  provider: SignedUp,
  taskId: string,
  amounts?: number[],
  overrides: Record<string, unknown> = {},
): Promise<BidView> {
  const res = await call(t, provider, "POST", `/tasks/${taskId}/bids`, bidBody(amounts, overrides));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().bid;
}

export const tenderOf = async (t: TestApp, id: string): Promise<TenderTask> =>
  (await call(t, undefined, "GET", `/tasks/${id}`)).json().task;
