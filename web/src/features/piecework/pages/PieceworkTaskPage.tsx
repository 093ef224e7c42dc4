// One piece-rate task (/tasks/:id when its mode is "piecework"; the contest page hands it over):
// the brief and terms, a progress bar (paid / quantity), and what the viewer may do — the buyer's
// review queue, a provider's pieces and the form to send one, a sign-in prompt for visitors.
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Notice } from "../../../components/Notice.tsx";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { WorkForm } from "../../contests/components/WorkForm.tsx";
import { loginHref, useViewer } from "../../contests/session.ts";
import { ThreadPanel } from "../../messages/components/ThreadPanel.tsx";
import { type Entry, isPiecework, netOfFee, type PieceworkTask, type Task } from "../api.ts";
import { DecidedPieces, MyPieces } from "../components/MyPieces.tsx";
import { PieceworkStatus, Progress, pieceworkErrorText } from "../components/PieceBits.tsx";
import { ReviewQueue } from "../components/ReviewQueue.tsx";
import styles from "../piecework.module.css";

const ENTRY_ACCEPT = "image/png,image/jpeg,image/webp,image/gif,application/pdf";

// The same cache entries as the contest page's (it loaded the task before handing it over).
const taskQuery = (id: string) =>
  queryOptions({
    queryKey: ["tasks", id],
    queryFn: ({ signal }) =>
      api.get<{ task: Task }>(`/tasks/${encodeURIComponent(id)}`, { signal }).then((r) => r.task),
  });
const piecesQuery = (id: string) =>
  queryOptions({
    queryKey: ["tasks", id, "entries"],
    queryFn: ({ signal }) =>
      api.get<{ items: Entry[]; counts: { entries: number; providers: number } }>(
        `/tasks/${encodeURIComponent(id)}/entries`,
        { query: { limit: 100 }, signal },
      ),
  });

export function PieceworkTaskPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const viewer = useViewer();
  const task = useQuery(taskQuery(id));
  const pieces = useQuery(piecesQuery(id));
  useDocumentTitle(task.data ? task.data.title : t("piecework.page.loadingTitle"));
  if (task.isError) {
    return (
      <div className="container section">
        <h1>{t("piecework.page.errorTitle")}</h1>
        <Notice tone="error">{pieceworkErrorText(t, task.error)}</Notice>
        <p>
          <Link to="/piecework">{t("piecework.page.back")}</Link>
        </p>
      </div>
    );
  }
  if (!task.data || !isPiecework(task.data) || viewer.status === "loading") {
    return (
      <div className="container section" style={{ minHeight: "100vh" }}>
        <AsyncView query={task} loadingLabel={t("piecework.loading")} skeletons={1}>
          {() => null}
        </AsyncView>
      </div>
    );
  }
  return (
    <TaskView
      task={task.data}
      pieces={pieces.data?.items ?? []}
      counts={pieces.data?.counts}
      meId={viewer.me?.id ?? null}
    />
  );
}

function TaskView({
  task,
  pieces,
  counts,
  meId,
}: {
  task: PieceworkTask;
  pieces: Entry[];
  counts?: { entries: number; providers: number };
  meId: string | null;
}) {
  const { t, locale, money } = useI18n();
  const id = useId();
  const client = useQueryClient();
  const isBuyer = meId === task.buyerId;
  const mine = pieces.filter((p) => p.providerId === meId);
  const live = mine.filter((p) => p.status !== "rejected").length;
  const open = task.status === "open" && new Date(task.deadline).getTime() > Date.now();
  const canSend = open && !isBuyer && meId !== null && live < task.maxPerProvider;
  const closed = task.status === "completed" || task.status === "refunded" || task.status === "cancelled";

  return (
    <article aria-labelledby={`${id}-title`} data-testid="piecework-page">
      <header className={styles.hero}>
        <div className="container">
          <nav aria-label={t("piecework.page.back")} className={styles.breadcrumb}>
            <Link to="/piecework">{t("piecework.browse.title")}</Link>
          </nav>
          <div className={styles.badges}>
            <Badge tone="accent">{t("piecework.mode")}</Badge>
            <PieceworkStatus status={task.status} />
            {isBuyer && <Badge>{t("piecework.page.yours")}</Badge>}
          </div>
          <h1 id={`${id}-title`}>{task.title}</h1>
          <p className={styles.muted}>
            {t("piecework.page.postedBy", {
              name: task.buyer.displayName,
              time: formatDateTime(task.createdAt, locale),
            })}
          </p>
          <Progress task={task} id={`${id}-progress`} />
        </div>
      </header>
      <div className={cx("container", styles.layout)}>
        <div className={styles.main}>
          {task.status === "selecting" && task.reviewEndsAt && (
            <Notice tone="info">
              {t("piecework.page.reviewNote", { date: formatDateTime(task.reviewEndsAt, locale) })}
            </Notice>
          )}
          {closed && (
            <Notice tone={task.status === "completed" ? "success" : "info"}>
              {t(`piecework.page.closedNote.${task.status as "completed" | "refunded" | "cancelled"}`, {
                paid: task.pieces.paid,
              })}
            </Notice>
          )}
          {isBuyer && (
            <>
              <ReviewQueue task={task} pieces={pieces} />
              <DecidedPieces pieces={pieces.filter((p) => p.status !== "submitted")} />
            </>
          )}
          {!isBuyer && meId !== null && (mine.length > 0 || open) && <MyPieces task={task} pieces={mine} />}
          {canSend && (
            <Card id="send">
              <WorkForm<{ entry: Entry }>
                path={`/tasks/${task.id}/entries`}
                heading={t("piecework.submit.heading")}
                intro={t("piecework.submit.intro", {
                  amount: money(netOfFee(task)),
                  max: task.maxPerProvider,
                })}
                textLabel={t("piecework.submit.text")}
                submitLabel={t("piecework.submit.action")}
                accept={ENTRY_ACCEPT}
                acceptHint={t("piecework.submit.files")}
                onDone={() => {
                  void client.invalidateQueries({ queryKey: ["tasks", task.id] });
                  requestAnimationFrame(() =>
                    document.getElementById("my-pieces")?.scrollIntoView({ block: "start" }),
                  );
                }}
              />
            </Card>
          )}
          {open && !isBuyer && meId !== null && !canSend && (
            <Notice tone="info">{t("piecework.submit.limit", { max: task.maxPerProvider })}</Notice>
          )}
          {open && meId === null && (
            <Notice
              icon="lock"
              action={
                <ButtonLink to={loginHref(`/tasks/${task.id}`)} size="sm">
                  {t("piecework.post.signInAction")}
                </ButtonLink>
              }
            >
              {t("piecework.submit.signIn")}
            </Notice>
          )}
          <section aria-labelledby={`${id}-brief`}>
            <h2 id={`${id}-brief`} className={styles["section-title"]}>
              {t("piecework.page.brief")}
            </h2>
            <p className={styles.brief}>{task.brief}</p>
          </section>
          {/* Questions to the buyer (messages feature): the asker's thread, or the buyer's list. */}
          <ThreadPanel subject={{ type: "task", id: task.id }} ownerId={task.buyerId} />
        </div>
        <aside className={styles.side}>
          <Card tone="raised">
            <h2 className={styles["section-title"]}>{t("piecework.page.terms")}</h2>
            <dl className={styles.facts}>
              <div>
                <dt>{t("piecework.page.unit")}</dt>
                <dd>{money(task.unitPriceMinor)}</dd>
              </div>
              <div>
                <dt>{t("piecework.page.net")}</dt>
                <dd>{money(netOfFee(task))}</dd>
              </div>
              <div>
                <dt>{t("piecework.page.quantity")}</dt>
                <dd>{task.quantity}</dd>
              </div>
              <div>
                <dt>{t("piecework.page.maxPer")}</dt>
                <dd>{task.maxPerProvider}</dd>
              </div>
              <div>
                <dt>{t("piecework.page.deadline")}</dt>
                <dd>{formatDateTime(task.deadline, locale)}</dd>
              </div>
              {task.reviewEndsAt && (
                <div>
                  <dt>{t("piecework.page.reviewEnds")}</dt>
                  <dd>{formatDateTime(task.reviewEndsAt, locale)}</dd>
                </div>
              )}
              <div>
                <dt>{t("piecework.page.escrow")}</dt>
                <dd>{money(task.escrowMinor)}</dd>
              </div>
            </dl>
            <p className={cx(styles.muted, styles.small)}>{t("piecework.page.sealed")}</p>
            {counts && (
              <p className={cx(styles.muted, styles.small)}>
                {t("piecework.page.count", { entries: counts.entries, providers: counts.providers })}
              </p>
            )}
          </Card>
        </aside>
      </div>
    </article>
  );
}
