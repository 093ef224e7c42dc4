// The notifications page and e-mail preferences; the same keys as the Chinese file.
import type { CatalogueOf } from "../../app/i18n/messages.ts";
import type { notificationsZhCN } from "./i18n.zh-CN.ts";

export const notificationsEn: CatalogueOf<typeof notificationsZhCN> = {
  "notifications.title": "Notifications",
  "notifications.lead":
    "Every change that concerns you: entries, awards, handovers, payments, orders, messages and your wallet.",
  "notifications.loading": "Loading notifications…",
  "notifications.empty": "No notifications yet.",
  "notifications.emptyUnread": "Nothing unread.",
  "notifications.filter": "Show",
  "notifications.filter.all": "All",
  "notifications.filter.unread": "Unread",
  "notifications.markAll": "Mark all as read",
  "notifications.markRead": "Mark as read",
  "notifications.unreadMark": "Unread",
  "notifications.more": "Load more",
  "notifications.open": "Open",
  "notifications.prefs.title": "E-mail notifications",
  "notifications.prefs.lead":
    "In-app notifications are always on. Choose which also come by e-mail (several close together arrive as one).",
  "notifications.prefs.messages": "New messages",
  "notifications.prefs.tasks": "Task progress (entries, awards, handovers)",
  "notifications.prefs.orders": "Bids, orders and milestones",
  "notifications.prefs.payments": "Payments, top-ups and withdrawals",
  "notifications.prefs.account": "Account and verification",
  "notifications.prefs.saved": "Saved.",
  "notifications.prefs.failed": "Could not save; try again.",
};
