// Wallet, top-ups, withdrawals (owner) and their operator side (API.md, "Wallet and payments").
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateTopUp,
  CreateWithdrawal,
  LedgerAudit,
  ListQuery,
  ReviewWithdrawal,
  TopUpResponse,
  Wallet,
  WalletEntries,
  WithdrawalList,
  WithdrawalListQuery,
  WithdrawalResponse,
} from "../../../contracts/wallet.ts";
import type { Deps } from "../../core/deps.ts";
import { requireAccount, requireOperator } from "../../http/actor.ts";
import { runAudit as runLedgerAudit } from "../../ledger/audit.ts";
import { defaultPaymentProvider } from "../../payments/providers.ts";
import { createTopUp } from "./create-top-up.ts";
import { requestWithdrawal } from "./request-withdrawal.ts";
import { approveWithdrawal, rejectWithdrawal } from "./review-withdrawal.ts";
// Registers the wallet's audit checks (top-ups ↔ provider charges, payouts ↔ withdrawals).
import "./wallet.audit.ts";
import { signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema, operatorDecision } from "../../http/route-kit.ts";
import {
  getOwnTopUp,
  getOwnWithdrawal,
  getWallet,
  listWalletEntries,
  listWithdrawals,
  presentTopUp,
  presentWithdrawal,
} from "./wallet.queries.ts";

const IdParams = z.object({ id: z.string().min(1).max(200) });

export const walletRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["wallet"];

    app.get(
      "/wallet",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Balances of the signed-in account",
          response: { 200: Wallet },
        },
      },
      async (request) => getWallet(db, requireAccount(request).accountId),
    );

    app.get(
      "/wallet/entries",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Statement: every ledger movement of the wallet, newest first",
          querystring: ListQuery,
          response: { 200: WalletEntries },
        },
      },
      async (request) => listWalletEntries(db, requireAccount(request).accountId, request.query),
    );

    app.post(
      "/wallet/top-ups",
      {
        schema: {
          tags,
          summary: "Start a top-up: a pending payment and the provider's pay URL",
          ...idempotentSchema,
          body: CreateTopUp,
          response: { 201: TopUpResponse },
        },
      },
      async (request, reply) => {
        const provider = defaultPaymentProvider(deps.config, deps.payments);
        return idempotentAs(db, request, reply, async (tx, actor) => ({
          status: 201,
          body: { topUp: await createTopUp(tx, actor.accountId, request.body, provider, deps.clock) },
        }));
      },
    );

    app.get(
      "/wallet/top-ups/:id",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "One of my top-ups",
          params: IdParams,
          response: { 200: TopUpResponse },
        },
      },
      async (request) => {
        const row = await getOwnTopUp(db, requireAccount(request).accountId, request.params.id);
        const provider = deps.payments.payments.get(row.provider);
        return {
          topUp: presentTopUp(row, row.status === "pending" ? provider?.payUrl(row.id) : undefined),
        };
      },
    );

    app.post(
      "/wallet/withdrawals",
      {
        schema: {
          tags,
          summary: "Request a withdrawal: the amount is held at once (402 if not available)",
          ...idempotentSchema,
          body: CreateWithdrawal,
          response: { 201: WithdrawalResponse },
        },
      },
      async (request, reply) => {
        const payoutProvider = deps.payments.payout.name;
        return idempotentAs(db, request, reply, async (tx, actor) => ({
          status: 201,
          body: {
            withdrawal: await requestWithdrawal(tx, actor.accountId, request.body, {
              ...deps,
              payoutProvider,
            }),
          },
        }));
      },
    );

    app.get(
      "/wallet/withdrawals",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "My withdrawals, newest first",
          querystring: WithdrawalListQuery,
          response: { 200: WithdrawalList },
        },
      },
      async (request) =>
        listWithdrawals(db, { ...request.query, accountId: requireAccount(request).accountId }),
    );

    app.get(
      "/wallet/withdrawals/:id",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "One of my withdrawals",
          params: IdParams,
          response: { 200: WithdrawalResponse },
        },
      },
      async (request) => ({
        withdrawal: presentWithdrawal(
          await getOwnWithdrawal(db, requireAccount(request).accountId, request.params.id),
        ),
      }),
    );

    const adminTags = ["operators"];
    app.get(
      "/admin/withdrawals",
      {
        schema: {
          security: signedIn,
          tags: adminTags,
          summary: "Withdrawals to review (filter by status)",
          querystring: WithdrawalListQuery,
          response: { 200: WithdrawalList },
        },
      },
      async (request) => {
        requireOperator(request);
        return listWithdrawals(db, request.query);
      },
    );

    app.post(
      "/admin/withdrawals/:id/approve",
      {
        schema: {
          tags: adminTags,
          summary: "Approve a pending withdrawal; the payout provider pays it asynchronously",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: WithdrawalResponse },
        },
      },
      (request, reply) =>
        operatorDecision(db, request, reply, async (tx, operatorId) => ({
          withdrawal: await approveWithdrawal(tx, operatorId, request.params.id, deps.jobs, deps.clock),
        })),
    );

    app.post(
      "/admin/withdrawals/:id/reject",
      {
        schema: {
          tags: adminTags,
          summary: "Reject a pending withdrawal; the money returns to the wallet at once",
          ...idempotentSchema,
          params: IdParams,
          body: ReviewWithdrawal.nullish(),
          response: { 200: WithdrawalResponse },
        },
      },
      (request, reply) =>
        operatorDecision(db, request, reply, async (tx, operatorId) => ({
          withdrawal: await rejectWithdrawal(
            tx,
            operatorId,
            request.params.id,
            request.body?.reason,
            deps.clock,
          ),
        })),
    );

    app.get(
      "/admin/ledger/audit",
      {
        schema: {
          security: signedIn,
          tags: adminTags,
          summary: "Run every ledger invariant of docs/LEDGER.md on one consistent snapshot",
          response: { 200: LedgerAudit },
        },
      },
      async (request) => {
        requireOperator(request);
        return runAudit(deps);
      },
    );
  };

/** The ledger's checks and every registered feature's (wallet.audit.ts, tasks.audit.ts, …). */
export function runAudit(deps: Pick<Deps, "db">) {
  return runLedgerAudit(deps.db);
}
