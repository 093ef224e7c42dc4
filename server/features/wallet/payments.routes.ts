// The provider side: the sandbox's pay page and pay endpoint, and the webhook endpoint every
// provider notifies. Registered as its own plugin: it accepts the pay page's HTML form; webhooks
// are verified over the raw JSON text the app's parser keeps (request.rawBody).
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SandboxPay, TopUp } from "../../../contracts/wallet.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput, notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import { payToken, payTokenMatches, SANDBOX, sandboxWebhookSecret } from "../../payments/sandbox.ts";
import { SESSION_COOKIE } from "../accounts/authenticate.ts";
import { findLiveSession } from "../accounts/sessions.ts";
import { receiveWebhook } from "./receive-webhook.ts";
import { sandboxPay } from "./sandbox-pay.ts";
import { findTopUp, presentTopUp } from "./wallet.queries.ts";

const IdParams = z.object({ id: z.string().min(1).max(200) });
const TokenQuery = z.object({ token: z.string().max(100).optional() });

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
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const providers = deps.payments;
    const secret = sandboxWebhookSecret(deps.config.dataDir);

    /**
     * A sandbox top-up, for whoever may pay it: its owner (Bearer or session cookie — these routes
     * stand for the provider's site, so the app's auth hook leaves them anonymous) or whoever holds
     * the token of its pay URL. Anyone else gets 404, as for a top-up that does not exist.
     */
    async function payableTopUp(request: FastifyRequest, id: string, token: unknown) {
      const topUp = await findTopUp(deps.db, id);
      if (!topUp || topUp.provider !== SANDBOX) throw notFound("Top-up");
      if (payTokenMatches(secret, topUp.id, token)) return topUp;
      const bearer = /^Bearer ([\w.~+/-]+=*)$/i.exec(request.headers.authorization?.trim() ?? "")?.[1];
      const sessionToken = bearer ?? request.cookies[SESSION_COOKIE];
      const session = sessionToken
        ? await findLiveSession(deps.db, sessionToken, deps.config.sessions.idleMs)
        : undefined;
      if (session?.accountId !== topUp.account_id) throw notFound("Top-up");
      return topUp;
    }
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
      {
        schema: {
          security: [],
          tags,
          summary:
            "The sandbox provider's pay page (HTML): for the top-up's owner or the holder of its pay URL",
          params: IdParams,
          querystring: TokenQuery,
        },
      },
      async (request, reply) => {
        const topUp = await payableTopUp(request, request.params.id, request.query.token);
        const id = escapeHtml(topUp.id);
        const action = `/api/v1/payments/sandbox/top-ups/${encodeURIComponent(topUp.id)}/pay`;
        // The forms carry the token, so paying works from the page whoever opened the pay URL.
        const token = `<input type="hidden" name="token" value="${escapeHtml(payToken(secret, topUp.id))}">`;
        const back = escapeHtml(walletReturnPath(topUp.id));
        const body =
          topUp.status === "pending"
            ? `<p>支付 Pay <strong>${yuan(topUp.amount_minor)}</strong> (${escapeHtml(topUp.method)})</p>
<form method="post" action="${action}">${token}<input type="hidden" name="outcome" value="succeeded"><button>支付成功 Pay</button></form>
<form method="post" action="${action}">${token}<input type="hidden" name="outcome" value="failed"><button>支付失败 Fail</button></form>
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
          security: [],
          tags,
          summary:
            "Sandbox only: pay or fail a pending top-up (its owner, or with the token of its pay URL); a signed webhook follows asynchronously",
          params: IdParams,
          querystring: TokenQuery,
          body: SandboxPay,
          response: { 202: z.object({ topUp: TopUp }) },
        },
      },
      async (request, reply) => {
        await payableTopUp(request, request.params.id, request.body.token ?? request.query.token);
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
          security: [],
          tags,
          summary: "Provider notifications: signed; unsigned or badly signed → 400; duplicates are harmless",
          params: z.object({ provider: z.string().min(1).max(40) }),
          response: { 200: z.object({ received: z.literal(true), outcome: z.string() }) },
        },
      },
      async (request) => {
        // The signature covers the exact bytes: the app's JSON parser keeps them (http/json-body.ts).
        const raw = request.rawBody;
        if (raw === undefined) throw invalidInput("Expected a JSON body");
        const outcome = await receiveWebhook(
          deps.db,
          providers,
          request.params.provider,
          raw,
          request.headers,
          deps.clock,
        );
        return { received: true as const, outcome };
      },
    );
  };
