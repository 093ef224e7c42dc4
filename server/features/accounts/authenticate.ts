// The authentication hook: sets `request.actor` for every API request from
// `Authorization: Bearer <token>` or the HttpOnly session cookie, and enforces CSRF protection on
// unsafe cookie-authenticated requests. Bearer requests need none: a browser never attaches a
// Bearer header by itself, so another site cannot make one on the user's behalf.
//
//   Bearer, valid          → account
//   Bearer, bad or expired → 401 (an API client must learn its token is dead)
//   cookie, valid          → account; unsafe methods also need our Origin/Referer and X-CSRF-Token
//   cookie, bad or expired → anonymous (and the stale cookie is cleared)
//   nothing                → anonymous
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { anonymous } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { csrfTokenFor, csrfTokenMatches, findLiveSession } from "./sessions.ts";

export const SESSION_COOKIE = "lj_session";
export const CSRF_COOKIE = "lj_csrf";
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const PAYMENT_PROVIDER_PREFIX = "/api/v1/payments/";

declare module "fastify" {
  interface FastifyRequest {
    /** The session token that authenticated this request (set by the auth hook), for log-out. */
    sessionToken?: string;
    /** How the request was authenticated. */
    authenticatedBy?: "bearer" | "cookie";
  }
}

export function installAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest("sessionToken", undefined);
  app.decorateRequest("authenticatedBy", undefined);
  app.addHook("onRequest", async (request, reply) => {
    request.actor = anonymous;
    // Static files and operations endpoints never need an account: no database lookup for them.
    if (!request.url.startsWith("/api/")) return;
    // The payment provider's endpoints (sandbox pay page, its form, webhooks) stand in for another
    // site and never act for an account: a signed-in payer's session cookie, which the browser
    // attaches to the pay page's plain HTML form (no CSRF header), must not make them a 403.
    if (request.url.startsWith(PAYMENT_PROVIDER_PREFIX)) return;

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer ([\w.~+/-]+=*)$/i.exec(authorization.trim());
      const session = match?.[1]
        ? await findLiveSession(deps.db, match[1], deps.config.sessions.idleMs)
        : undefined;
      if (!session || !match?.[1]) {
        reply.header("www-authenticate", 'Bearer realm="liangjiang", error="invalid_token"');
        throw new AppError("unauthenticated", "The token is invalid or has expired; sign in again");
      }
      request.actor = { kind: "account", ...session };
      request.sessionToken = match[1];
      request.authenticatedBy = "bearer";
      return;
    }

    const cookieToken = request.cookies[SESSION_COOKIE];
    if (!cookieToken) return;
    const session = await findLiveSession(deps.db, cookieToken, deps.config.sessions.idleMs);
    if (!session) {
      clearSessionCookies(request, reply, deps);
      return;
    }
    if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request, deps, cookieToken);
    request.actor = { kind: "account", ...session };
    request.sessionToken = cookieToken;
    request.authenticatedBy = "cookie";
  });
}

/** Our own origins: the configured public URL, and the host the browser addressed. */
function allowedOrigins(request: FastifyRequest, deps: Deps): Set<string> {
  const origins = new Set([new URL(deps.config.publicUrl).origin]);
  const host = request.headers.host;
  if (host) {
    for (const scheme of ["http", "https"]) {
      const origin = originOf(`${scheme}://${host}`);
      if (origin) origins.add(origin);
    }
  }
  return origins;
}

function originOf(value: string | undefined): string | undefined {
  if (!value || value === "null") return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** Refuses a cookie-authenticated unsafe request from another site (403). */
function assertSameOrigin(request: FastifyRequest, deps: Deps, sessionToken: string): void {
  const allowed = allowedOrigins(request, deps);
  const originHeader = request.headers.origin;
  const refererHeader = request.headers.referer;
  // Browsers send Origin on every cross-origin unsafe request; "null" (sandboxed frames, some
  // redirects) is foreign. Without Origin, the Referer must be ours when present.
  if (originHeader !== undefined) {
    const origin = originOf(originHeader);
    if (!origin || !allowed.has(origin)) throw forbidden("Cross-site request refused");
  } else if (refererHeader !== undefined) {
    const origin = originOf(refererHeader);
    if (!origin || !allowed.has(origin)) throw forbidden("Cross-site request refused");
  }
  const given = request.headers[CSRF_HEADER];
  if (!csrfTokenMatches(sessionToken, typeof given === "string" ? given : undefined)) {
    throw forbidden(`Missing or wrong ${CSRF_HEADER} header (read it from the ${CSRF_COOKIE} cookie)`);
  }
}

/** Refuses a log-in or sign-up posted from another site (login CSRF); API clients send no Origin. */
export function assertNotCrossSite(request: FastifyRequest, deps: Deps): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const parsed = originOf(origin);
  if (!parsed || !allowedOrigins(request, deps).has(parsed)) throw forbidden("Cross-site request refused");
}

function secure(request: FastifyRequest, deps: Deps): boolean {
  return request.protocol === "https" || deps.config.publicUrl.startsWith("https:");
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  session: { token: string; expiresAt: Date },
): void {
  const common = {
    path: "/",
    sameSite: "lax" as const,
    secure: secure(request, deps),
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by our scripts (not HttpOnly) so the web app can echo it in X-CSRF-Token.
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(session.token), { ...common, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, deps: Deps): void {
  const common = { path: "/", sameSite: "lax" as const, secure: secure(request, deps) };
  reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}
