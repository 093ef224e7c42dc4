// The provider side: the sandbox's pay page and pay endpoint, and the webhook endpoint every
// provider notifies. Registered as its own plugin: it parses JSON as raw text (the signature is over
// the exact bytes) and accepts the pay page's HTML form.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SandboxPay, TopUp } from "../../../contracts/wallet.ts";
import type { AppDeps } from "../../app.ts";
import { invalidInput, notFound } from "../../http/errors.ts";
import { inTransaction } from "../../ledger/transaction.ts";
import { providersFor } from "../../payments/providers.ts";
import { SANDBOX } from "../../payments/sandbox.ts";
import { receiveWebhook } from "./receive-webhook.ts";
import { sandboxPay } from "./sandbox-pay.ts";
import { findTopUp, presentTopUp } from "./wallet.queries.ts";

const IdParams = z.object({ id: z.string().min(1).max(200) });

const yuan = (minor: number) =>
  `¥${(minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** Where the payer returns after the sandbox page: the web app's wallet, following this top-up. */
export const walletReturnPath = (topUpId: string) => `/wallet?topUp=${encodeURIComponent(topUpId)}`;
const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export const paymentsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const providers = providersFor(deps.config);
    // Raw JSON: the webhook signature covers the exact bytes. Other routes here parse it themselves.
    app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
      const raw = String(body);
      (request as { rawBody?: string }).rawBody = raw;
      if (request.url.includes("/payments/webhooks/")) return done(null, raw);
      try {
        done(null, raw.length ? JSON.parse(raw) : undefined);
      } catch {
        done(invalidInput("The body is not valid JSON"), undefined);
      }
    });
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    const tags = ["payments"];

    app.get(
      "/payments/sandbox/top-ups/:id",
      { schema: { tags, summary: "The sandbox provider's pay page (HTML)", params: IdParams } },
      async (request, reply) => {
        const topUp = await findTopUp(deps.db, request.params.id);
        if (!topUp || topUp.provider !== SANDBOX) throw notFound("Top-up");
        const id = escapeHtml(topUp.id);
        const action = `/api/v1/payments/sandbox/top-ups/${encodeURIComponent(topUp.id)}/pay`;
        const back = escapeHtml(walletReturnPath(topUp.id));
        const body =
          topUp.status === "pending"
            ? `<p>支付 Pay <strong>${yuan(topUp.amount_minor)}</strong> (${escapeHtml(topUp.method)})</p>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="succeeded"><button>支付成功 Pay</button></form>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="failed"><button>支付失败 Fail</button></form>
<p><a href="${back}">取消并返回钱包 Cancel and go back to the wallet</a></p>`
            : `<p>状态 Status: <strong>${escapeHtml(topUp.status)}</strong> — ${yuan(topUp.amount_minor)}</p>
<p><a href="${back}">返回钱包 Back to the wallet</a></p>`;
        return reply
          .type("text/html; charset=utf-8")
          .header("cache-control", "no-store")
          .send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Sandbox payment 沙箱支付</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
form{display:inline-block;margin-right:1rem}button{font-size:1rem;padding:.5rem 1rem}</style></head>
<body><h1>沙箱支付 Sandbox payment</h1><p><small>${id}</small></p>${body}
<p><small>This page stands in for Alipay / WeChat Pay / a card processor. No real money moves.</small></p></body></html>`);
      },
    );

    app.post(
      "/payments/sandbox/top-ups/:id/pay",
      {
        schema: {
          tags,
          summary: "Sandbox only: pay or fail a pending top-up; a signed webhook follows asynchronously",
          params: IdParams,
          body: SandboxPay,
          response: { 202: z.object({ topUp: TopUp }) },
        },
      },
      async (request, reply) => {
        const topUp = await inTransaction(deps.db, (tx) =>
          sandboxPay(tx, deps.jobs, request.params.id, request.body.outcome),
        );
        if (request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
          // The HTML form: like a real provider, back to the merchant's return URL (the wallet,
          // which follows the top-up until the webhook settles it). Redirecting to the pay page
          // instead showed the pay buttons again, because the top-up is still pending until then.
          return reply.redirect(walletReturnPath(topUp.id), 303);
        }
        reply.status(202);
        return { topUp: presentTopUp(topUp) };
      },
    );

    app.post(
      "/payments/webhooks/:provider",
      {
        schema: {
          tags,
          summary: "Provider notifications: signed; unsigned or badly signed → 400; duplicates are harmless",
          params: z.object({ provider: z.string().min(1).max(40) }),
          response: { 200: z.object({ received: z.literal(true), outcome: z.string() }) },
        },
      },
      async (request) => {
        const raw = typeof request.body === "string" ? request.body : undefined;
        if (raw === undefined) throw invalidInput("Expected a JSON body");
        const outcome = await receiveWebhook(
          deps.db,
          providers,
          request.params.provider,
          raw,
          request.headers,
        );
        return { received: true as const, outcome };
      },
    );
  };
