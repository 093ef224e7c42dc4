// My notifications (API.md "Messages and notifications"): the list, the unread count, marking read,
// and the e-mail preferences. Thin: parse → query / use case → present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  MarkRead,
  MarkReadResult,
  NotificationList,
  NotificationPreferences,
  NotificationQuery,
  UnreadCount,
  UpdateNotificationPreferences,
} from "../../../contracts/notifications.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { markNotificationsRead } from "./mark-notifications-read.ts";
import { countUnread, listNotifications } from "./notifications.queries.ts";
import { getNotificationPreferences, updateNotificationPreferences } from "./preferences.ts";

export const notificationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/notifications",
      {
        schema: {
          tags: ["notifications"],
          summary: "My notifications, newest first, in my language (?unread=true: only the unread)",
          querystring: NotificationQuery,
          security: signedIn,
          response: { 200: NotificationList, ...errors(400, 401) },
        },
      },
      async (request) => listNotifications(deps.db, requireAccount(request), request.query),
    );

    app.get(
      "/notifications/unread-count",
      {
        schema: {
          tags: ["notifications"],
          summary: "How many of my notifications are unread",
          security: signedIn,
          response: { 200: UnreadCount, ...errors(401) },
        },
      },
      async (request) => ({ count: await countUnread(deps.db, requireAccount(request)) }),
    );

    app.post(
      "/notifications/read",
      {
        schema: {
          tags: ["notifications"],
          summary: "Mark some of my notifications ({ ids }) or all of them ({ all: true }) read",
          body: MarkRead,
          security: signedIn,
          response: { 200: MarkReadResult, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const count = await inTransaction(deps.db, (tx) =>
          markNotificationsRead(tx, actor, request.body, deps.clock.now()),
        );
        return { count };
      },
    );

    app.get(
      "/me/notification-preferences",
      {
        schema: {
          tags: ["notifications"],
          summary: "Which kinds of notification I also get by e-mail (in-app is always on)",
          security: signedIn,
          response: { 200: NotificationPreferences, ...errors(401) },
        },
      },
      async (request) => getNotificationPreferences(deps.db, requireAccount(request)),
    );

    app.patch(
      "/me/notification-preferences",
      {
        schema: {
          tags: ["notifications"],
          summary: "Turn e-mail on or off per kind of notification",
          body: UpdateNotificationPreferences,
          security: signedIn,
          response: { 200: NotificationPreferences, ...errors(400, 401, 403) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return inTransaction(deps.db, (tx) =>
          updateNotificationPreferences(tx, actor, request.body, deps.clock.now()),
        );
      },
    );
  };
