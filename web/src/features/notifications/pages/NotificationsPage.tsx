// /notifications: mine, newest first (all or only the unread), each linking to what it is about;
// opening one marks it read, and "mark all as read" clears the bell. Live: the RealtimeBridge
// invalidates ["notifications"] when one arrives.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { notificationPath } from "../../../../../contracts/notifications.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Button } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import page from "../../../components/Page.module.css";
import { formatDateTime } from "../../../lib/dates.ts";
import { type Notification, notificationsQuery, useMarkRead } from "../api.ts";
import styles from "../notifications.module.css";

export function NotificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("notifications.title"));
  return <RequireAuth>{() => <Notifications />}</RequireAuth>;
}

function Notifications() {
  const { t } = useI18n();
  const [unread, setUnread] = useState(false);
  const list = useInfiniteQuery(notificationsQuery({ unread }));
  const markRead = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = items.some((n) => n.readAt === null);
  return (
    <div className={cx("container", page.page)}>
      <header className={page.header}>
        <h1>{t("notifications.title")}</h1>
        <p className={page.lead}>{t("notifications.lead")}</p>
      </header>
      <div className={styles.toolbar}>
        <fieldset className={styles.filter}>
          <legend className="visually-hidden">{t("notifications.filter")}</legend>
          {([false, true] as const).map((value) => (
            <label key={String(value)} className={cx(styles.filterOption, unread === value && styles.active)}>
              <input
                type="radio"
                name="filter"
                checked={unread === value}
                onChange={() => setUnread(value)}
                className="visually-hidden"
              />
              {t(value ? "notifications.filter.unread" : "notifications.filter.all")}
            </label>
          ))}
        </fieldset>
        <Button
          variant="secondary"
          size="sm"
          disabled={!anyUnread || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t("notifications.markAll")}
        </Button>
      </div>
      <AsyncView
        query={list}
        loadingLabel={t("notifications.loading")}
        skeletons={3}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={
          <p className={styles.muted}>{t(unread ? "notifications.emptyUnread" : "notifications.empty")}</p>
        }
      >
        {() => (
          <>
            <ul className={styles.list} data-testid="notifications">
              {items.map((n) => (
                <Item key={n.id} n={n} onOpen={() => n.readAt === null && markRead.mutate({ ids: [n.id] })} />
              ))}
            </ul>
            {list.hasNextPage && (
              <Button variant="ghost" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {t("notifications.more")}
              </Button>
            )}
          </>
        )}
      </AsyncView>
    </div>
  );
}

function Item({ n, onOpen }: { n: Notification; onOpen(): void }) {
  const { t, locale } = useI18n();
  const unread = n.readAt === null;
  return (
    <li className={cx(styles.item, unread && styles.unread)}>
      <Link to={notificationPath(n.subject)} className={styles.link} onClick={onOpen}>
        <span className={styles.title}>
          {unread && (
            <>
              <span className={styles.dot} aria-hidden="true" />
              <span className="visually-hidden">{t("notifications.unreadMark")}: </span>
            </>
          )}
          {n.title}
        </span>
        {n.body && <span className={styles.body}>{n.body}</span>}
        <time className={styles.time} dateTime={n.at}>
          {formatDateTime(n.at, locale)}
        </time>
      </Link>
    </li>
  );
}
