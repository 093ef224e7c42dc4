// Forgot password (issue 9): ask for a reset link by e-mail, then set a new password with its token.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AuthResult,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PasswordResetRequested,
} from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { errors } from "../../http/openapi.ts";
import { assertNotCrossSite, setSessionCookies } from "./authenticate.ts";
import { requestPasswordReset } from "./request-password-reset.ts";
import { resetPassword } from "./reset-password.ts";
import { csrfTokenFor } from "./sessions.ts";

export const passwordResetRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/auth/password-reset",
      {
        schema: {
          tags: ["accounts"],
          summary:
            "Forgot password: e-mail a reset link (valid 1 hour, once) if an account has this address. Always 202",
          operationId: "requestPasswordReset",
          security: [],
          body: PasswordResetRequestBody,
          response: { 202: PasswordResetRequested, ...errors(400, 429) },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(deps, request.body, { ip: request.ip });
        return reply.status(202).send({ accepted: true });
      },
    );

    app.post(
      "/auth/password-reset/confirm",
      {
        schema: {
          tags: ["accounts"],
          summary:
            "Set a new password with the e-mailed token; signs out every session and signs this one in (as log-in)",
          operationId: "confirmPasswordReset",
          security: [],
          body: PasswordResetConfirmBody,
          response: { 200: AuthResult, ...errors(400, 403) },
        },
      },
      async (request, reply) => {
        assertNotCrossSite(request, deps);
        const ua = request.headers["user-agent"];
        const { user, session } = await resetPassword(deps, request.body, {
          ip: request.ip,
          userAgent: typeof ua === "string" ? ua : null,
        });
        setSessionCookies(request, reply, deps, session);
        return { user, token: session.token, csrfToken: csrfTokenFor(session.token) };
      },
    );
  };
