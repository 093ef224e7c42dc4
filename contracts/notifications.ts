// Notifications and the realtime stream (API.md "Messages and notifications"): shapes shared by the
// server (validation + OpenAPI) and the web app.
import { z } from "zod";
import { Cursor, Id, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from "./common.ts";

/** What a notification links to: a task, an order, a thread, the wallet … */
export const NotificationSubject = z.object({ type: z.string(), id: z.string() });

export const Notification = z
  .object({
    id: Id,
    /** The domain event it reports, e.g. entry.submitted, message.sent, top_up.succeeded. */
    type: z.string(),
    /** Which e-mail preference governs it. */
    kind: z.string(),
    subject: NotificationSubject,
    /** In the reader's locale. */
    title: z.string(),
    body: z.string(),
    at: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: Cursor.optional(),
  /** `true`: only the unread ones. */
  unread: z.enum(["true", "false"]).optional(),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationList = z.object({ items: z.array(Notification), nextCursor: z.string().nullable() });
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ count: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof UnreadCount>;

/** Mark some (`ids`, at most 100) or all of mine read. */
export const MarkRead = z.union([
  z.object({ ids: z.array(Id).min(1).max(LIST_LIMIT_MAX) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkRead = z.infer<typeof MarkRead>;
export const MarkReadResult = z.object({ count: z.number().int().min(0) });

/** The kinds of notification a person can turn e-mail on or off for (in-app is always on). */
export const NOTIFICATION_KINDS = ["messages", "tasks", "orders", "payments", "account"] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationPreferences = z
  .object({
    email: z.object({
      messages: z.boolean(),
      tasks: z.boolean(),
      orders: z.boolean(),
      payments: z.boolean(),
      account: z.boolean(),
    }),
  })
  .meta({ id: "NotificationPreferences" });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferences = z.object({
  email: z
    .object({
      messages: z.boolean().optional(),
      tasks: z.boolean().optional(),
      orders: z.boolean().optional(),
      payments: z.boolean().optional(),
      account: z.boolean().optional(),
    })
    .strict(),
});
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;

/**
 * A frame on GET /stream: a new notification (data: the Notification) or a new message in one of my
 * threads (data: { threadId, messageId, senderId }); `hello` once connected.
 */
export type StreamFrame =
  | { type: "hello"; data: { accountId: string } }
  | { type: "notification"; data: Notification }
  | { type: "message"; data: { threadId: string; messageId: string; senderId: string } };

/** The web page a notification opens (server e-mails and the web app use the same paths). */
export function notificationPath(subject: { type: string; id: string }): string {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case "task":
      return `/tasks/${id}`;
    case "order":
      return `/orders/${id}`;
    case "thread":
      return `/messages/${id}`;
    case "wallet":
      return "/wallet";
    case "service":
      return `/services/${id}`;
    case "verification":
      return "/account/verification";
    default:
      return "/notifications";
  }
}
