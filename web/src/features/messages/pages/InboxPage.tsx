// /messages: my threads, newest activity first, with unread counts and the last message (masked as
// the participants read it). The realtime layer invalidates ["threads"] when a message arrives.
import { useInfiniteQuery } from "@tanstack/react-query";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Button } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import page from "../../../components/Page.module.css";
import { formatDateTime } from "../../../lib/dates.ts";
import { inboxQuery, otherParty } from "../api.ts";
import styles from "../messages.module.css";

export function InboxPage() {
  const { t } = useI18n();
  useDocumentTitle(t("messages.title"));
  return <RequireAuth>{(me) => <Inbox meId={me.id} />}</RequireAuth>;
}

function Inbox({ meId }: { meId: string }) {
  const { t, locale } = useI18n();
  const threads = useInfiniteQuery(inboxQuery);
  return (
    <div className={cx("container", page.page)}>
      <header className={page.header}>
        <h1>{t("messages.title")}</h1>
        <p className={page.lead}>{t("messages.lead")}</p>
      </header>
      <AsyncView
        query={threads}
        loadingLabel={t("messages.loading")}
        skeletons={3}
        isEmpty={(d) => (d.pages[0]?.items.length ?? 0) === 0}
        empty={<p className={styles.muted}>{t("messages.empty")}</p>}
      >
        {(data) => (
          <>
            <ul className={styles.inbox} data-testid="inbox">
              {data.pages
                .flatMap((p) => p.items)
                .map((th) => {
                  const other = otherParty(th, meId);
                  return (
                    <li key={th.id} className={cx(styles.inboxItem, th.unreadCount > 0 && styles.hasUnread)}>
                      <Link to={`/messages/${th.id}`} className={styles.inboxLink}>
                        <span className={styles.inboxName}>{other?.displayName}</span>
                        <span className={styles.inboxAbout}>{t(`messages.about.${th.subject.type}`)}</span>
                        <time className={styles.inboxTime} dateTime={th.lastMessageAt}>
                          {formatDateTime(th.lastMessageAt, locale)}
                        </time>
                        {th.unreadCount > 0 && (
                          <span className={styles.unread}>
                            {t("messages.unread", { count: th.unreadCount })}
                          </span>
                        )}
                        <span className={styles.preview}>
                          {th.lastMessage?.text ?? t("messages.noMessages")}
                        </span>
                      </Link>
                    </li>
                  );
                })}
            </ul>
            {threads.hasNextPage && (
              <Button
                variant="secondary"
                onClick={() => void threads.fetchNextPage()}
                disabled={threads.isFetchingNextPage}
              >
                {threads.isFetchingNextPage ? t("messages.loadingOlder") : t("messages.more")}
              </Button>
            )}
          </>
        )}
      </AsyncView>
    </div>
  );
}
