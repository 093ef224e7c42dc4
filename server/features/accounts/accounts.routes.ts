// Sign-up, log-in, log-out, the signed-in account (/me) and public profiles (API.md, Accounts).

import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AuthResult,
  ChangePasswordBody,
  IdParams,
  LoginBody,
  MeResult,
  PublicProfileResult,
  RegisterBody,
  SessionList,
  UpdateMeBody,
  UserIdParams,
} from "../../../contracts/accounts.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { getMe, getPublicProfile } from "./accounts.queries.ts";
import { assertNotCrossSite, clearSessionCookies, setSessionCookies } from "./authenticate.ts";
import { changePassword } from "./change-password.ts";
import { logIn } from "./log-in.ts";
import { logOut, logOutEverywhere } from "./log-out.ts";
import { registerAccount } from "./register-account.ts";
import { revokeOwnSession } from "./revoke-session.ts";
import { csrfTokenFor, listLiveSessions } from "./sessions.ts";
import { updateProfile } from "./update-profile.ts";

const NoContent = z.null().describe("No content");

function meta(request: FastifyRequest) {
  const ua = request.headers["user-agent"];
  return { ip: request.ip, userAgent: typeof ua === "string" ? ua : null };
}

/** The MeResult answer: the account as GET /me shows it, with the session's CSRF token (cookie sign-in). */
export async function meResult(deps: Pick<Deps, "db">, request: FastifyRequest, accountId: string) {
  return {
    user: await getMe(deps.db, accountId),
    csrfToken: request.sessionToken ? csrfTokenFor(request.sessionToken) : null,
  };
}

export const accountRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    /** The AuthResult of a new session (register, log-in): its cookies set, its token and CSRF token. */
    const withSession = (
      request: FastifyRequest,
      reply: FastifyReply,
      { user, session }: Awaited<ReturnType<typeof logIn>>,
    ) => {
      setSessionCookies(request, reply, deps, session);
      return { user, token: session.token, csrfToken: csrfTokenFor(session.token) };
    };
    /** A log-out route's handler: `end` this account's session(s), clear the cookies, 204. */
    const loggingOut =
      (end: (tx: Tx, actor: AccountActor, input: { ip: string }) => Promise<unknown>) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = requireAccount(request);
        await inTransaction(deps.db, (tx) => end(tx, actor, { ip: request.ip }));
        clearSessionCookies(request, reply, deps);
        return reply.status(204).send(null);
      };

    app.post(
      "/auth/register",
      {
        schema: {
          security: [],
          tags: ["accounts"],
          summary: "Create an account (sets the session cookie too)",
          body: RegisterBody,
          response: { 201: AuthResult, ...errors(400, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        assertNotCrossSite(request, deps);
        const signedUp = await registerAccount(deps, request.body, meta(request));
        return reply.status(201).send(withSession(request, reply, signedUp));
      },
    );

    app.post(
      "/auth/login",
      {
        schema: {
          security: [],
          tags: ["accounts"],
          summary: "Log in; a new session token every time (wrong credentials → 401, too many → 429)",
          body: LoginBody,
          response: { 200: AuthResult, ...errors(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        assertNotCrossSite(request, deps);
        return withSession(request, reply, await logIn(deps, request.body, meta(request)));
      },
    );

    app.post(
      "/auth/logout",
      {
        schema: {
          tags: ["accounts"],
          summary: "End this session (the token stops working at once)",
          security: signedIn,
          response: { 204: NoContent, ...errors(401, 403) },
        },
      },
      loggingOut(logOut),
    );

    app.post(
      "/auth/logout-all",
      {
        schema: {
          tags: ["accounts"],
          summary: "End every session of the account (log out everywhere)",
          security: signedIn,
          response: { 204: NoContent, ...errors(401, 403) },
        },
      },
      loggingOut(logOutEverywhere),
    );

    app.get(
      "/me",
      {
        schema: {
          tags: ["accounts"],
          summary: "The signed-in account",
          security: signedIn,
          response: { 200: MeResult, ...errors(401) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return meResult(deps, request, actor.accountId);
      },
    );

    app.patch(
      "/me",
      {
        schema: {
          tags: ["accounts"],
          summary: "Change the display name or language",
          body: UpdateMeBody,
          security: signedIn,
          response: { 200: MeResult, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        await inTransaction(deps.db, (tx) => updateProfile(tx, actor, request.body));
        return meResult(deps, request, actor.accountId);
      },
    );

    app.post(
      "/me/password",
      {
        schema: {
          tags: ["accounts"],
          summary: "Change the password; every other session is signed out",
          body: ChangePasswordBody,
          security: signedIn,
          response: { 200: z.object({ revokedSessions: z.number().int() }), ...errors(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return changePassword(deps, actor, request.body, { ip: request.ip });
      },
    );

    app.get(
      "/me/sessions",
      {
        schema: {
          tags: ["accounts"],
          summary: "Devices signed in to the account (live sessions), most recently used first",
          security: signedIn,
          response: { 200: SessionList, ...errors(401) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const rows = await listLiveSessions(deps.db, actor.accountId, deps.config.sessions.idleMs);
        return {
          items: rows.map((r) => ({
            id: r.id,
            createdAt: r.created_at.toISOString(),
            lastSeenAt: r.last_seen_at.toISOString(),
            expiresAt: r.expires_at.toISOString(),
            ip: r.ip,
            userAgent: r.user_agent,
            current: r.id === actor.sessionId,
          })),
        };
      },
    );

    app.delete(
      "/me/sessions/:id",
      {
        schema: {
          tags: ["accounts"],
          summary: "Sign out one device (end one of the account's sessions)",
          security: signedIn,
          params: IdParams,
          response: { 204: NoContent, ...errors(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        await inTransaction(deps.db, (tx) =>
          revokeOwnSession(tx, actor, { sessionId: request.params.id, ip: request.ip }),
        );
        if (request.params.id === actor.sessionId) clearSessionCookies(request, reply, deps);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/users/:id",
      {
        schema: {
          security: [],
          tags: ["accounts"],
          summary: "Public profile (badges, level, score)",
          params: UserIdParams,
          response: { 200: PublicProfileResult, ...errors(404) },
        },
      },
      async (request) => ({ user: await getPublicProfile(deps.db, request.params.id) }),
    );
  };
