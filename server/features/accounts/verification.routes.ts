// Verification (PRODUCT.md, Trust): e-mail and phone codes, real-name and enterprise checks, and
// the operators' review queue.

import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CodeSent,
  ConfirmCodeBody,
  IdentityVerificationList,
  IdentityVerificationResult,
  IdParams,
  MeResult,
  RejectBody,
  SendPhoneCodeBody,
  SubmitIdentityBody,
  VerificationQueueQuery,
} from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { verificationProvider } from "../../verification/provider.ts";
import { assertCanReviewVerifications } from "./accounts.policy.ts";
import { meResult } from "./accounts.routes.ts";
import { confirmContactCode } from "./confirm-contact-code.ts";
import { decideIdentityVerification } from "./decide-identity-verification.ts";
import { sendContactCode } from "./send-contact-code.ts";
import { submitIdentityVerification } from "./submit-identity-verification.ts";
import { listOwnVerifications, listVerificationQueue } from "./verification.queries.ts";

const Channel = z.object({ channel: z.enum(["email", "phone"]) });

export const verificationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const provider = verificationProvider(deps.config);
    /** An operator's approve or reject of one verification, in one transaction. */
    const decide = async (
      request: FastifyRequest,
      input: Parameters<typeof decideIdentityVerification>[2],
    ) => {
      const actor = requireAccount(request);
      const verification = await inTransaction(deps.db, (tx) =>
        decideIdentityVerification(tx, actor, input, deps),
      );
      return { verification };
    };

    app.post(
      "/me/verification/email/send",
      {
        schema: {
          tags: ["verification"],
          summary: "Send a 6-digit code to the account's e-mail address (10 minutes, single use)",
          security: signedIn,
          response: { 202: CodeSent, ...errors(401, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        return reply.status(202).send(await sendContactCode(deps, actor, { channel: "email" }));
      },
    );

    app.post(
      "/me/verification/phone/send",
      {
        schema: {
          tags: ["verification"],
          summary: "Send a 6-digit code by SMS to a phone number (sandbox: the outbox)",
          body: SendPhoneCodeBody,
          security: signedIn,
          response: { 202: CodeSent, ...errors(400, 401, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        return reply
          .status(202)
          .send(await sendContactCode(deps, actor, { channel: "phone", phone: request.body.phone }));
      },
    );

    app.post(
      "/me/verification/:channel/confirm",
      {
        schema: {
          tags: ["verification"],
          summary: "Confirm the e-mail address or phone number with the code",
          params: Channel,
          body: ConfirmCodeBody,
          security: signedIn,
          response: { 200: MeResult, ...errors(400, 401, 403, 409) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        await confirmContactCode(deps, actor, { channel: request.params.channel, code: request.body.code });
        return meResult(deps, request, actor.accountId);
      },
    );

    app.post(
      "/me/verification/identity",
      {
        schema: {
          tags: ["verification"],
          summary: "Submit real-name (person) or enterprise verification; an operator reviews it",
          body: SubmitIdentityBody,
          security: signedIn,
          response: { 201: IdentityVerificationResult, ...errors(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const verification = await submitIdentityVerification(
          { db: deps.db, verificationProvider: provider },
          actor,
          request.body,
        );
        return reply.status(201).send({ verification });
      },
    );

    app.get(
      "/me/verification/identity",
      {
        schema: {
          tags: ["verification"],
          summary: "The account's own identity verification requests, newest first",
          security: signedIn,
          response: {
            200: z.object({ items: IdentityVerificationResult.shape.verification.array() }),
            ...errors(401),
          },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return { items: await listOwnVerifications(deps.db, actor.accountId) };
      },
    );

    app.get(
      "/admin/verifications",
      {
        schema: {
          tags: ["verification", "admin"],
          summary: "Operators: the verification review queue (oldest first)",
          querystring: VerificationQueueQuery,
          security: signedIn,
          response: { 200: IdentityVerificationList, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        assertCanReviewVerifications(request.actor);
        return listVerificationQueue(deps.db, request.query);
      },
    );

    app.post(
      "/admin/verifications/:id/approve",
      {
        schema: {
          tags: ["verification", "admin"],
          summary: "Operators: approve a pending verification (the badge shows at once)",
          params: IdParams,
          security: signedIn,
          response: { 200: IdentityVerificationResult, ...errors(401, 403, 404, 409) },
        },
      },
      (request) => decide(request, { verificationId: request.params.id, decision: "approve" }),
    );

    app.post(
      "/admin/verifications/:id/reject",
      {
        schema: {
          tags: ["verification", "admin"],
          summary: "Operators: reject a pending verification with a reason the owner sees",
          params: IdParams,
          body: RejectBody,
          security: signedIn,
          response: { 200: IdentityVerificationResult, ...errors(400, 401, 403, 404, 409) },
        },
      },
      (request) =>
        decide(request, {
          verificationId: request.params.id,
          decision: "reject",
          reason: request.body.reason,
        }),
    );
  };
