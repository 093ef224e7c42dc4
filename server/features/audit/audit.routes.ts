// Operators read the append-only audit log and (without SMTP) the dev outbox.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AuditList, AuditQuery, OutboxList, OutboxQuery } from "../../../contracts/accounts.ts";
import type { Deps } from "../../core/deps.ts";
import { requireOperator } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { listOutbox } from "../../mail/outbox.queries.ts";
import { listAuditEvents } from "./audit.queries.ts";

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/admin/audit",
      {
        schema: {
          tags: ["admin"],
          summary: "Operators: the audit log, newest first (?action=, ?accountId=)",
          querystring: AuditQuery,
          security: signedIn,
          response: { 200: AuditList, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        requireOperator(request);
        return listAuditEvents(deps.db, request.query);
      },
    );

    app.get(
      "/admin/outbox",
      {
        schema: {
          tags: ["admin"],
          summary: "Operators: e-mail and SMS the platform sent (the dev outbox when no SMTP is set)",
          querystring: OutboxQuery,
          security: signedIn,
          response: { 200: OutboxList, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        requireOperator(request);
        return listOutbox(deps.db, request.query);
      },
    );
  };
