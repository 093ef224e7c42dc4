// The thread panel other pages embed: <ThreadPanel subject={{ type, id }} ownerId=… />.
// With `ownerId` (a task or a service: anyone may ask its owner): the owner sees the threads others
// opened about it, each opening in place; anyone else signed in gets "ask the owner" — the thread is
// created on the first click (POST /threads: 201, or 200 when it exists), then shown with its
// composer. Without `ownerId` (an order or a bid: its two parties) both parties get the latter.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { errorText } from "../../../lib/errors.ts";
import {
  otherParty,
  sameSubject,
  type ThreadSubject,
  type ThreadSummary,
  threadsQuery,
  useOpenThread,
} from "../api.ts";
import styles from "../messages.module.css";
import { ThreadView } from "./ThreadView.tsx";

export function ThreadPanel({ subject, ownerId }: { subject: ThreadSubject; ownerId?: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const titleId = useId();
  if (auth.status !== "signed-in") return null;
  const me = auth.user.id;
  const owner = me === ownerId;
  return (
    <Card as="section" className={styles.panel} aria-labelledby={titleId} data-testid="thread-panel">
      <h2 id={titleId} className={styles.panelTitle}>
        {owner
          ? t("messages.questions.title")
          : ownerId === undefined
            ? t("messages.between.title")
            : t("messages.ask.title")}
      </h2>
      {owner ? (
        <Questions subject={subject} meId={me} />
      ) : (
        <Ask subject={subject} meId={me} between={ownerId === undefined} />
      )}
    </Card>
  );
}

const namesOf = (thread: ThreadSummary) =>
  Object.fromEntries(thread.participants.map((p) => [p.id, p.displayName]));

/** The asker's side: the existing thread, or a button that opens one. */
function Ask({ subject, meId, between }: { subject: ThreadSubject; meId: string; between: boolean }) {
  const { t } = useI18n();
  const threads = useQuery(threadsQuery);
  const open = useOpenThread();
  const existing = threads.data?.items.find((th) => sameSubject(th.subject, subject));
  const [opened, setOpened] = useState<ThreadSummary | undefined>();
  const thread = existing ?? opened;
  if (thread) {
    return <ThreadView threadId={thread.id} meId={meId} names={namesOf(thread)} />;
  }
  return (
    <div className={styles.ask}>
      <p className={styles.muted}>{between ? t("messages.between.lead") : t("messages.ask.lead")}</p>
      {open.isError && <Notice tone="error">{errorText(t, open.error)}</Notice>}
      <Button
        disabled={open.isPending || threads.status === "pending"}
        onClick={() =>
          open.mutate(subject, {
            onSuccess: (th) => setOpened({ ...th, unreadCount: 0, lastMessage: null }),
          })
        }
      >
        {open.isPending
          ? t("messages.ask.opening")
          : between
            ? t("messages.between.open")
            : t("messages.ask.open")}
      </Button>
    </div>
  );
}

/** The owner's side: every thread about the subject, newest activity first, one open at a time. */
function Questions({ subject, meId }: { subject: ThreadSubject; meId: string }) {
  const { t } = useI18n();
  const threads = useQuery(threadsQuery);
  const [openId, setOpenId] = useState<string>();
  const mine = threads.data?.items.filter((th) => sameSubject(th.subject, subject)) ?? [];
  if (threads.status === "pending") return <p className={styles.muted}>{t("form.loading")}</p>;
  if (threads.status === "error") return <Notice tone="error">{errorText(t, threads.error)}</Notice>;
  if (mine.length === 0) return <p className={styles.muted}>{t("messages.questions.empty")}</p>;
  return (
    <ul className={styles.questionList}>
      {mine.map((th) => {
        const other = otherParty(th, meId);
        const isOpen = openId === th.id;
        return (
          <li key={th.id} className={styles.question} data-testid="question">
            <div className={styles.questionHead}>
              <Link to={`/messages/${th.id}`} className={styles.questionName}>
                {other?.displayName}
              </Link>
              {th.unreadCount > 0 && (
                <span className={styles.unread}>{t("messages.unread", { count: th.unreadCount })}</span>
              )}
              <Button
                variant="ghost"
                size="sm"
                aria-expanded={isOpen}
                onClick={() => setOpenId(isOpen ? undefined : th.id)}
              >
                {isOpen ? t("messages.questions.close") : t("messages.questions.open")}
              </Button>
            </div>
            {!isOpen && th.lastMessage && <p className={styles.preview}>{th.lastMessage.text}</p>}
            {isOpen && <ThreadView threadId={th.id} meId={meId} names={namesOf(th)} />}
          </li>
        );
      })}
    </ul>
  );
}
