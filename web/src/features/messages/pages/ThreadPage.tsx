// /messages/:id: one conversation on a page of its own, with a link to what it is about.
import { useQuery } from "@tanstack/react-query";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useParams } from "../../../app/router.tsx";
import { cx } from "../../../components/cx.ts";
import page from "../../../components/Page.module.css";
import { otherParty, type ThreadSummary, threadsQuery } from "../api.ts";
import { ThreadView } from "../components/ThreadView.tsx";
import styles from "../messages.module.css";

const subjectPath: Record<ThreadSummary["subject"]["type"], (id: string) => string> = {
  task: (id) => `/tasks/${id}`,
  service: (id) => `/services/${id}`,
  order: (id) => `/orders/${id}`,
  bid: () => "/orders",
};

export function ThreadPage() {
  const { t } = useI18n();
  useDocumentTitle(t("messages.title"));
  const { id = "" } = useParams();
  return <RequireAuth>{(me) => <ThreadScreen id={id} meId={me.id} />}</RequireAuth>;
}

function ThreadScreen({ id, meId }: { id: string; meId: string }) {
  const { t } = useI18n();
  const threads = useQuery(threadsQuery);
  const thread = threads.data?.items.find((th) => th.id === id);
  const other = thread ? otherParty(thread, meId) : undefined;
  const names = Object.fromEntries((thread?.participants ?? []).map((p) => [p.id, p.displayName]));
  return (
    <div className={cx("container", page.page)}>
      <p>
        <Link to="/messages">← {t("messages.thread.back")}</Link>
      </p>
      <header className={page.header}>
        <h1>{other ? t("messages.thread.title", { name: other.displayName }) : t("messages.title")}</h1>
        {thread && (
          <p className={page.lead}>
            {t(`messages.about.${thread.subject.type}`)} ·{" "}
            <Link to={subjectPath[thread.subject.type](thread.subject.id)}>{t("messages.openSubject")}</Link>
          </p>
        )}
      </header>
      <div className={styles.threadPage}>
        <ThreadView threadId={id} meId={meId} names={names} />
      </div>
    </div>
  );
}
