// buildApp(deps): every route, hook and error handler, but no listen() — tests inject requests,
// main.ts listens. Routes are thin: parse → use case in a transaction → present.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { TrustProxy } from "./config.ts";
import { anonymous } from "./core/actor.ts";
import type { Deps } from "./core/deps.ts";
import type { RunnableJob } from "./core/jobs.ts";
import { accountRoutes } from "./features/accounts/accounts.routes.ts";
import { installAuthentication } from "./features/accounts/authenticate.ts";
import { passwordResetRoutes } from "./features/accounts/password-reset.routes.ts";
import { verificationRoutes } from "./features/accounts/verification.routes.ts";
import { adminConfigRoutes } from "./features/admin/config.routes.ts";
import { adminJobRoutes } from "./features/admin/jobs.routes.ts";
import { auditConsumer } from "./features/audit/audit.consumer.ts";
import { auditRoutes } from "./features/audit/audit.routes.ts";
import { categoryRoutes } from "./features/categories/categories.routes.ts";
import { contestJobs, contestPayableKind } from "./features/contests/contests.jobs.ts";
import { contestRoutes } from "./features/contests/contests.routes.ts";
import { contestMode } from "./features/contests/mode.ts";
import { dashboardRoutes } from "./features/dashboard/dashboard.routes.ts";
import { healthRoutes } from "./features/health/health.routes.ts";
import { messageFilePolicies } from "./features/messages/messages.files.ts";
import { messageRoutes } from "./features/messages/messages.routes.ts";
import { notificationsConsumer, realtimeConsumer } from "./features/notifications/notifications.consumer.ts";
import { notificationJobs } from "./features/notifications/notifications.jobs.ts";
import { notificationRoutes } from "./features/notifications/notifications.routes.ts";
import { streamRoutes } from "./features/notifications/stream.routes.ts";
import { orderFilePolicies } from "./features/orders/orders.files.ts";
import { orderJobs, orderPayableKind } from "./features/orders/orders.jobs.ts";
import { orderRoutes } from "./features/orders/orders.routes.ts";
import { payableJobs } from "./features/payables/payables.jobs.ts";
import { pieceworkMode } from "./features/piecework/mode.ts";
import { pieceworkJobs, pieceworkPayableKind } from "./features/piecework/piecework.jobs.ts";
import { serviceFilePolicies } from "./features/services/services.files.ts";
import { serviceRoutes } from "./features/services/services.routes.ts";
import { entryFilePolicies } from "./features/tasks/entries.files.ts";
import { entryJobs } from "./features/tasks/entries.jobs.ts";
import { taskRoutes } from "./features/tasks/tasks.routes.ts";
import { tenderMode } from "./features/tenders/mode.ts";
import { tenderJobs } from "./features/tenders/tenders.jobs.ts";
import { tenderRoutes } from "./features/tenders/tenders.routes.ts";
import { paymentsRoutes } from "./features/wallet/payments.routes.ts";
import { walletJobs } from "./features/wallet/wallet.jobs.ts";
import { walletRoutes } from "./features/wallet/wallet.routes.ts";
import { sendWebPage } from "./features/web/web-shell.ts";
import { fileRoutes } from "./files/files.routes.ts";
import { installErrorHandling, installInputGuard, sendFrameworkError } from "./http/errors.ts";
import { installJsonBody } from "./http/json-body.ts";
import { createMetrics, installMetrics } from "./http/metrics.ts";
import { documentRoute } from "./http/openapi.ts";
import type { EventConsumer } from "./jobs/event-consumers.ts";
import { mailJobs } from "./mail/mail.jobs.ts";
import type { RealtimeHub } from "./realtime/realtime.ts";

export type AppDeps = Deps &
  Readonly<{
    /** Folder of the built web app (index.html); absent = API only. */
    webDir?: string;
    /** This process's realtime hub (realtime/realtime.ts; main.ts starts it): GET /stream needs it. */
    realtime?: RealtimeHub;
  }>;

/** Every consumer of domain events (jobs/event-consumers.ts), started with the workers. */
export function eventConsumers(deps: Deps): EventConsumer[] {
  return [auditConsumer, notificationsConsumer(deps), realtimeConsumer];
}

/** Every job the workers run, gathered from the features (ports never import a feature). */
export function jobDefinitions(deps: Deps): RunnableJob[] {
  return [
    ...walletJobs(deps),
    ...mailJobs(deps),
    ...notificationJobs(deps),
    ...contestJobs(deps),
    ...entryJobs(deps),
    ...pieceworkJobs(deps),
    ...tenderJobs(deps),
    // Each kind of payable says how it is accepted; payables/ imports no way of buying.
    ...orderJobs(deps),
    ...payableJobs(deps, {
      contest_award: contestPayableKind,
      piece: pieceworkPayableKind,
      milestone: orderPayableKind,
    }),
  ];
}

export const WEB_DIST = path.join(import.meta.dirname, "..", "web", "dist");
const API_PREFIX = "/api/v1";
/** JSON bodies are small; uploads go through multipart with their own limits. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Config's TRUST_PROXY as Fastify takes it (its types lack the hop count: trust the nearest n). */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return typeof trust === "boolean" ? trust : [...trust];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // The ways of buying from a task (tasks/task-mode.ts): the shared task routes dispatch by mode
  // through this table and import no mode. Piecework and tender join it here.
  const taskDeps = { ...deps, modes: { contest: contestMode, tender: tenderMode, piecework: pieceworkMode } };
  const app = Fastify({
    logger:
      deps.config.logLevel === "silent"
        ? false
        : {
            level: deps.config.logLevel,
            redact: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']"],
          },
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Behind a reverse proxy (TRUST_PROXY) request.ip is the client's, so per-IP limits are per
    // client; by default X-Forwarded-For is ignored, so a client cannot spoof its way past them.
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // The router's refusals (bad percent-encoding, a path parameter over 100 characters) in our shape.
    frameworkErrors: sendFrameworkError,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // API answers are private unless a route says otherwise (e.g. the public category tree): no
    // shared or browser cache may keep someone's wallet or session.
    if (
      (request.url.startsWith("/api/") || request.url.startsWith("/metrics")) &&
      !reply.hasHeader("cache-control")
    ) {
      reply.header("cache-control", "no-store");
    }
  });
  // Fastify takes one not-found handler: the web app's (below) when it is built, else the JSON one.
  const serveWeb = Boolean(deps.webDir && existsSync(path.join(deps.webDir, "index.html")));
  installErrorHandling(app, { notFound: !serveWeb });
  // JSON bodies keep their raw text and refuse `…Minor` amounts written as 1.0 / 1E3 (API.md).
  installJsonBody(app);
  installInputGuard(app);
  // Fastify refuses shared objects as decorator defaults: start empty, set per request. The
  // accounts feature's authentication hook (registered later) replaces it with the signed-in account.
  app.decorateRequest("actor", null as never);
  app.addHook("onRequest", async (request) => {
    request.actor = anonymous;
  });

  // Sessions: request.actor from a Bearer token or the HttpOnly cookie (+ CSRF checks).
  await app.register(fastifyCookie);
  installAuthentication(app, deps);

  const metrics = createMetrics({ jobs: deps.jobs });
  installMetrics(app, metrics);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // 'self' covers same-origin ws:/wss: in current browsers; no other host may be reached.
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain http on localhost must keep working: HSTS only behind a TLS proxy that sets it.
    strictTransportSecurity: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Liangjiang (两江) API",
        version: "1.0.0",
        description:
          "The public HTTP contract of the Liangjiang marketplace. Money is integer fen (`…Minor`).",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "The token from /auth/register or /auth/login",
          },
          cookie: {
            type: "apiKey",
            in: "cookie",
            name: "lj_session",
            description:
              "Browsers: the HttpOnly session cookie; unsafe requests also need the X-CSRF-Token header",
          },
        },
      },
    },
    transform: documentRoute,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs", staticCSP: true });

  await app.register(healthRoutes(deps, metrics));
  await app.register(
    async (api) => {
      await api.register(categoryRoutes(deps));
      await api.register(accountRoutes(deps));
      await api.register(passwordResetRoutes(deps));
      await api.register(verificationRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(walletRoutes(deps));
      await api.register(paymentsRoutes(deps));
      await api.register(taskRoutes(taskDeps));
      await api.register(contestRoutes(taskDeps));
      await api.register(tenderRoutes(deps));
      await api.register(dashboardRoutes(deps));
      await api.register(serviceRoutes(deps));
      await api.register(orderRoutes(deps));
      // The one download route; each feature that attaches files says who may have them.
      await api.register(
        fileRoutes(deps, {
          ...entryFilePolicies,
          ...serviceFilePolicies,
          ...orderFilePolicies,
          ...messageFilePolicies,
        }),
      );
      await api.register(adminJobRoutes(deps));
      await api.register(adminConfigRoutes(deps));
      await api.register(messageRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(streamRoutes(deps, deps.realtime));
    },
    { prefix: API_PREFIX },
  );

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const webDir = deps.webDir;
  if (webDir && serveWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes x.js.br and x.js.gz beside x.js (scripts/precompress.ts): sent as they are
      // to clients that accept them (with Vary: Accept-Encoding), never as URLs of their own.
      preCompressed: true,
      globIgnore: ["**/*.br", "**/*.gz"],
      // Hashed asset names never change content: cache them for a year; index.html never.
      setHeaders: (res, filePath) => {
        res.header(
          "cache-control",
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    });
    // The web app's pages (contracts/web-routes.ts) get the app shell with their own title and Open
    // Graph tags (features/web/web-shell.ts); any other page path — or a task or person that does
    // not exist — gets it too, with a 404, so the app shows its not-found page and crawlers and
    // monitors learn the truth. HEAD answers as GET does. API paths and missing files keep the JSON 404.
    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split("?")[0] ?? "";
      const page = (request.method === "GET" || request.method === "HEAD") && !url.startsWith("/api/");
      if (page && !path.extname(url)) return sendWebPage(taskDeps, webDir, request, reply);
      return reply.status(404).send({
        error: { code: "not_found", message: `No route for ${request.method} ${url}` },
        requestId: request.id,
      });
    });
  }

  return app;
}
