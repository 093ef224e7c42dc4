// The access-control matrix: run one route as anonymous, as a stranger, as the owner and as an
// operator, and assert the status each one gets. Every feature's tests use it for every route.
//
//   await assertAccess(t, {
//     setup: async (owner) => ({ taskId: (await createTask(t, owner)).id }),   // optional
//     request: ({ data }) => ({ method: "GET", url: `/api/v1/tasks/${data.taskId}` }),
//     expect: { anonymous: 404, stranger: 404, owner: 200, operator: 200 },
//   });
//
// Each caller gets a fresh owner (and a fresh `setup`), so a route that changes state (log-out,
// cancel, accept…) is tried by every caller on its own copy. All mismatches are reported at once.
import assert from "node:assert/strict";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Database } from "../../server/db/database.ts";
import { makeOperator, type SignedUp, signUp } from "./factories.ts";

export const CALLERS = ["anonymous", "stranger", "owner", "operator"] as const;
export type Caller = (typeof CALLERS)[number];

export type AccessContext<T> = Readonly<{ owner: SignedUp; data: T; caller: Caller }>;

export type AccessSpec<T> = Readonly<{
  /** Builds what the owner owns (e.g. a task); runs once per caller on a fresh owner. */
  setup?: (owner: SignedUp) => Promise<T>;
  /** The request to try; the caller's Authorization header is added to it. */
  request: (ctx: AccessContext<T>) => InjectOptions;
  /** Expected status per caller; all four must be stated. */
  expect: Readonly<Record<Caller, number>>;
  /** Optional extra check per caller's response. */
  check?: (caller: Caller, response: LightMyRequestResponse, ctx: AccessContext<T>) => void | Promise<void>;
}>;

export async function assertAccess<T = undefined>(
  t: { app: FastifyInstance; db: Database },
  spec: AccessSpec<T>,
): Promise<Record<Caller, LightMyRequestResponse>> {
  const results = {} as Record<Caller, LightMyRequestResponse>;
  const failures: string[] = [];
  let label = "";
  for (const caller of CALLERS) {
    const owner = await signUp(t.app);
    const data = (spec.setup ? await spec.setup(owner) : undefined) as T;
    let headers: Record<string, string> = {};
    if (caller === "owner") headers = { ...owner.headers };
    if (caller === "stranger") headers = { ...(await signUp(t.app)).headers };
    if (caller === "operator") {
      const operator = await signUp(t.app);
      await makeOperator(t, operator.user.id);
      headers = { ...operator.headers };
    }
    const ctx: AccessContext<T> = { owner, data, caller };
    const request = spec.request(ctx);
    label = `${request.method ?? "GET"} ${String(request.url ?? request.path ?? "")}`;
    const response = await t.app.inject({
      ...request,
      headers: { ...(request.headers as Record<string, string> | undefined), ...headers },
    });
    results[caller] = response;
    if (response.statusCode !== spec.expect[caller]) {
      failures.push(
        `${caller}: expected ${spec.expect[caller]}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
      );
    } else if (response.statusCode >= 400) {
      const body = response.json() as { error?: { code?: unknown } };
      if (typeof body.error?.code !== "string")
        failures.push(`${caller}: ${response.statusCode} not in the error shape`);
    }
    await spec.check?.(caller, response, ctx);
  }
  assert.deepEqual(failures, [], `access matrix for ${label}:\n  ${failures.join("\n  ")}`);
  return results;
}
