// One contest (/tasks/:id): brief, prize tiers, live countdown, a banner for the phase, the entry
// gallery under the sealed rules, and what the viewer may do now — enter (provider), rate, award
// and accept (buyer), hand over (the awarded provider).
import { type UseQueryResult, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PublicProfile } from "../../../../../contracts/accounts.ts";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link, useLocation, useParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button, ButtonLink, buttonClass } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Facts } from "../../../components/Facts.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { formatDateTime, useNow } from "../../../lib/dates.ts";
import { myActionsQuery } from "../../dashboard/api.ts";
import { ThreadPanel } from "../../messages/components/ThreadPanel.tsx";
import { PieceworkTaskPage } from "../../piecework/task-page.ts";
import { TenderPage } from "../../tenders/task-page.ts";
import {
  contestErrors,
  contestErrorText,
  contestQuery,
  ENTRY_ACCEPT,
  type Entry,
  type EntryList,
  entriesQuery,
  type Task,
  useContestChanged,
} from "../api.ts";
import { Countdown, StatusBadge } from "../components/ContestBits.tsx";
import { AwardPanel, awardablePrizes, EntryCard, usePrizeName } from "../components/Judging.tsx";
import { WorkForm } from "../components/WorkForm.tsx";
import styles from "../contests.module.css";
import { loginHref, useViewer } from "../session.ts";

type Role = "buyer" | "winner" | "winnerHandedOver" | "lapsed" | "provider" | "visitor" | "anonymous";

export function ContestPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const viewer = useViewer();
  // The query cache keeps showing what was there while an action reloads it: no loader flash, the
  // forms keep their state and messages.
  const task = useQuery(contestQuery(id));
  const entries = useQuery({
    ...entriesQuery(id),
    // The originality check runs for a few seconds after an upload: look again until it is done.
    refetchInterval: (query) =>
      query.state.data?.items.some((e) => e.originality?.status === "pending") ? 2500 : false,
  });
  useDocumentTitle(task.data ? task.data.title : t("contests.page.loadingTitle"));

  if (task.isError) {
    return (
      <div className="container section">
        <h1>{t("contests.page.errorTitle")}</h1>
        <Notice
          tone="error"
          action={
            !isApiError(task.error, "not_found") && (
              <Button variant="secondary" size="sm" onClick={() => void task.refetch()}>
                {t("contests.retry")}
              </Button>
            )
          }
        >
          {contestErrorText(t, task.error)}
        </Notice>
        <p>
          <Link to="/contests">{t("contests.page.back")}</Link>
        </p>
      </div>
    );
  }
  if (!task.data || viewer.status === "loading") {
    return (
      // A screen tall while the contest loads: the footer stays below the fold (it was drawn
      // mid-screen, then pushed down — a layout shift of 0.26 on a phone).
      <div className={cx("container", "section", styles["page-loading"])}>
        <AsyncView query={task} loadingLabel={t("contests.loading")} skeletons={1}>
          {() => null}
        </AsyncView>
      </div>
    );
  }
  // A tender lives at /tasks/:id too: its own page (a chunk of the tenders feature).
  if (task.data.mode === "tender") return <TenderPage task={task.data} />;
  // A piece-rate task too (a chunk of the piecework feature; it reads the same cached task).
  if (task.data.mode === "piecework") return <PieceworkTaskPage />;
  return <ContestView task={task.data} entries={entries} meId={viewer.me?.id ?? null} />;
}

function ContestView({
  task,
  entries,
  meId,
}: {
  task: Task;
  entries: UseQueryResult<EntryList>;
  meId: string | null;
}) {
  const { t, locale, money } = useI18n();
  const { pathname } = useLocation();
  const now = useNow(1000);
  const prizeName = usePrizeName();
  const client = useQueryClient();
  const reload = useContestChanged(task.id);
  const categories = useQuery(categoriesQuery);
  const category = task.categoryId
    ? categoryNames(categories.data).get(task.categoryId)?.[locale]
    : undefined;

  const items = entries.data?.items ?? [];
  // Ratings change one entry in place (in the cache); everything else reloads the task and the entries.
  const rated = (next: Entry) =>
    client.setQueryData(
      entriesQuery(task.id).queryKey,
      (list) => list && { ...list, items: list.items.map((e) => (e.id === next.id ? next : e)) },
    );

  const isBuyer = meId !== null && meId === task.buyerId;
  const own = items.filter((e) => e.providerId === meId);
  // A live award (not lapsed) makes a winner; a winner whose award lapsed is told so.
  const winning = own.filter((e) => e.award && !e.award.lapsedAt);
  const lapsed = own.find((e) => e.award?.lapsedAt);
  const role: Role = isBuyer
    ? "buyer"
    : winning.length > 0
      ? winning.every((e) => e.status !== "awarded")
        ? "winnerHandedOver"
        : "winner"
      : lapsed
        ? "lapsed"
        : own.length > 0
          ? "provider"
          : meId
            ? "visitor"
            : "anonymous";

  const prizeStatus = new Map(task.prizes.map((p) => [p.prizeIndex, p]));
  const counts = entries.data?.counts ?? { entries: task.entryCount, providers: task.providerCount };
  const canEnter = task.status === "open" && !isBuyer;
  const canAward = isBuyer && awardablePrizes(task, now).length > 0 && items.length > 0;
  const handingOver =
    items.some((e) => e.providerId === meId && e.status === "awarded") && task.status === "awarded";
  const toAccept = isBuyer && items.some((e) => e.status === "handed_over");
  // The one main action for the viewer now, in a bar at the bottom of a phone's screen (the form
  // itself sits far below the brief and the prize card there).
  const action: { href: string; label: MessageKey } | undefined = canEnter
    ? { href: "#enter", label: "contests.action.enter" }
    : canAward
      ? { href: "#award", label: "contests.action.award" }
      : handingOver
        ? { href: "#handover", label: "contests.action.handOver" }
        : toAccept
          ? { href: "#entries", label: "contests.action.accept" }
          : undefined;
  const paidMinor = task.awards.filter((a) => a.status === "paid").reduce((sum, a) => sum + a.amountMinor, 0);
  const refundedMinor = task.prizes
    .filter((p) => p.status === "refunded")
    .reduce((sum, p) => sum + p.amountMinor, 0);

  return (
    <article className={cx("contest", action && styles["has-action-bar"])} aria-labelledby="contest-title">
      <header className={styles["contest-hero"]}>
        <div className="container">
          <nav aria-label={t("contests.page.breadcrumb")} className={styles.breadcrumb}>
            <Link to="/contests">{t("contests.browse.title")}</Link>
            {category && (
              <>
                <span aria-hidden="true"> / </span>
                <Link to={`/contests?category=${encodeURIComponent(task.categoryId ?? "")}`}>{category}</Link>
              </>
            )}
          </nav>
          <div className={styles["contest-hero__badges"]}>
            <Badge tone="accent">{t("contests.mode")}</Badge>
            <StatusBadge status={task.status} />
            {isBuyer && <Badge>{t("contests.page.yourContest")}</Badge>}
          </div>
          <h1 id="contest-title" className={styles["contest-hero__title"]}>
            {task.title}
          </h1>
          <p className={styles.muted}>
            {t("contests.page.postedBy", {
              name: task.buyer.displayName,
              time: formatDateTime(task.createdAt, locale),
            })}
          </p>
          <StatusBanner task={task} role={role} lapsed={lapsed} />
        </div>
      </header>

      <div className={cx("container", styles["contest-layout"])}>
        <div className={styles["contest-main"]}>
          <section aria-labelledby="brief-title" className={styles["contest-section"]}>
            <h2 id="brief-title">{t("contests.page.brief")}</h2>
            <p className={styles.brief}>{task.brief}</p>
          </section>
          {canEnter &&
            (meId ? (
              <Card className="enter-card" id="enter">
                <WorkForm<{ entry: Entry }>
                  path={`/tasks/${task.id}/entries`}
                  heading={t(own.length > 0 ? "contests.enter.again" : "contests.enter.title")}
                  intro={t("contests.enter.intro")}
                  textLabel={t("contests.enter.text")}
                  submitLabel={t("contests.enter.submit")}
                  accept={ENTRY_ACCEPT}
                  acceptHint={t("contests.enter.acceptHint")}
                  onDone={reload}
                />
              </Card>
            ) : (
              <Card className="enter-card" id="enter">
                <h2 className={styles["work-form__heading"]}>{t("contests.enter.title")}</h2>
                <p className={styles.muted}>{t("contests.enter.signIn")}</p>
                <ButtonLink to={loginHref(pathname)}>{t("contests.enter.signInAction")}</ButtonLink>
              </Card>
            ))}

          {canAward && (
            <div id="award">
              <AwardPanel task={task} entries={items} now={now} onDone={reload} />
            </div>
          )}

          <section
            id="entries"
            aria-labelledby="entries-title"
            className={styles["contest-section"]}
            aria-busy={entries.isPending}
          >
            <h2 id="entries-title">
              {t("contests.entries.title")}{" "}
              <span className={cx(styles.muted, styles["entries-count"])}>
                {t("contests.entries.counts", { entries: counts.entries, providers: counts.providers })}
              </span>
            </h2>
            {!entries.data && (
              <AsyncView query={entries} loadingLabel={t("contests.loading")} errors={contestErrors}>
                {() => null}
              </AsyncView>
            )}
            {entries.data?.sealed && counts.entries > 0 && (
              <Notice icon="lock" className={styles["sealed-note"]}>
                {t(own.length > 0 ? "contests.entries.sealedOwn" : "contests.entries.sealedOthers", {
                  count: counts.entries,
                })}
              </Notice>
            )}
            {entries.data && items.length === 0 && (!entries.data.sealed || counts.entries === 0) && (
              <p className={styles["c-empty"]}>
                {t(task.status === "open" ? "contests.entries.emptyOpen" : "contests.entries.empty")}
              </p>
            )}
            {items.length > 0 && (
              <ol className={styles["entry-grid"]}>
                {items.map((entry, index) => {
                  const isOwn = entry.providerId === meId;
                  return (
                    <EntryCard
                      key={entry.id}
                      entry={entry}
                      number={index + 1}
                      task={task}
                      role={{ isBuyer, isOwn }}
                      onChanged={reload}
                      onRated={rated}
                      labelOf={(entryId) => {
                        const i = items.findIndex((e) => e.id === entryId);
                        const other = items[i];
                        return other
                          ? t("contests.entry.label", { n: i + 1, name: other.provider.displayName })
                          : undefined;
                      }}
                    >
                      {isOwn && entry.status === "awarded" && task.status === "awarded" && (
                        <div id="handover">
                          <WorkForm<{ entry: Entry }>
                            path={`/entries/${entry.id}/handover`}
                            heading={t("contests.handover.title")}
                            intro={t("contests.handover.intro")}
                            textLabel={t("contests.handover.text")}
                            submitLabel={t("contests.handover.submit")}
                            acceptHint={t("contests.handover.acceptHint")}
                            onDone={reload}
                          />
                        </div>
                      )}
                    </EntryCard>
                  );
                })}
              </ol>
            )}
          </section>
          {/* Questions to the buyer (messages feature): the asker's thread, or the buyer's list. */}
          <ThreadPanel subject={{ type: "task", id: task.id }} ownerId={task.buyerId} />
        </div>

        <aside className={styles["contest-side"]} aria-label={t("contests.page.summary")}>
          <Card tone="raised" className={styles["prize-card"]} data-testid="prize-card">
            <p className={styles["prize-card__label"]}>{t("contests.page.pool")}</p>
            <p className={styles["prize-card__amount"]}>{money(task.poolMinor, { trimWholeFen: true })}</p>
            {/* Once it is over, what happened to the money: paid to the winners, or back to the buyer. */}
            <p className={styles["prize-card__escrow"]} data-testid="prize-money">
              <Icon name={task.escrowMinor > 0 ? "lock" : paidMinor > 0 ? "check" : "arrow"} size={16} />
              {task.escrowMinor > 0 || (paidMinor === 0 && refundedMinor === 0 && task.status !== "cancelled")
                ? t("contests.page.escrow", { amount: money(task.escrowMinor, { trimWholeFen: true }) })
                : paidMinor > 0
                  ? t("contests.page.paidOut", { amount: money(paidMinor, { trimWholeFen: true }) })
                  : t("contests.page.refundedOut", {
                      amount: money(refundedMinor || task.poolMinor, { trimWholeFen: true }),
                    })}
            </p>
            {task.escrowMinor > 0 && paidMinor > 0 && (
              <p className={styles["prize-card__escrow"]}>
                <Icon name="check" size={16} />
                {t("contests.page.paidOut", { amount: money(paidMinor, { trimWholeFen: true }) })}
              </p>
            )}
            <Countdown task={task} now={now} />
            <h2 className={styles["prize-card__heading"]} id="prizes-title">
              {t("contests.page.prizes")}
            </h2>
            <ol className={styles["prize-tiers"]} aria-labelledby="prizes-title" data-testid="prize-tiers">
              {task.prizesMinor.map((amount, index) => {
                const prize = prizeStatus.get(index);
                const label = prize ? tierLabel[prize.status] : undefined;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: prizes are positional (1st, 2nd, …) and never reorder.
                  <li key={`${index}-${amount}`}>
                    <span>{prizeName(index)}</span>
                    <strong>{money(amount, { trimWholeFen: true })}</strong>
                    {prize && label && (
                      <span
                        className={cx(
                          styles["prize-tiers__won"],
                          styles[`prize-tiers__won--${prize.status}`],
                        )}
                      >
                        <Icon
                          name={
                            prize.status === "reawardable"
                              ? "alert"
                              : prize.status === "refunded"
                                ? "arrow"
                                : "trophy"
                          }
                          size={14}
                        />
                        {prize.status === "reawardable" && prize.reawardEndsAt
                          ? t("contests.page.tierReawardable", {
                              until: formatDateTime(prize.reawardEndsAt, locale, { zone: true }),
                            })
                          : t(label)}
                      </span>
                    )}
                    {winnerOf(task, index) && (
                      <span className={styles["prize-tiers__winner"]} data-testid="winner">
                        <Icon name="trophy" size={14} />
                        <WinnerName id={winnerOf(task, index) as string} />
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
            <Facts>
              <div>
                <dt>{t("contests.page.deadline")}</dt>
                <dd>{formatDateTime(task.submissionDeadline, locale, { zone: true })}</dd>
              </div>
              <div>
                <dt>{t("contests.page.entrants")}</dt>
                <dd>
                  {t("contests.entries.counts", { entries: counts.entries, providers: counts.providers })}
                </dd>
              </div>
              <div>
                <dt>{t("contests.page.fee")}</dt>
                <dd>{t("contests.page.feeValue", { percent: task.feeBps / 100 })}</dd>
              </div>
            </Facts>
          </Card>

          <Card className={styles["rules-card"]}>
            <h2 className={styles["rules-card__heading"]}>{t("contests.page.rules")}</h2>
            <p>
              <Icon name="lock" size={16} />
              <strong>{t(task.sealed ? "contests.rules.sealedShort" : "contests.rules.openShort")}</strong>
              <span className={styles.muted}>
                {t(task.sealed ? "contests.rules.sealedExplain" : "contests.rules.openExplain")}
              </span>
            </p>
            <p>
              <Icon name="shield" size={16} />
              <strong>
                {t(task.guaranteed ? "contests.rules.guaranteedShort" : "contests.rules.refundableShort")}
              </strong>
              <span className={styles.muted}>
                {t(task.guaranteed ? "contests.rules.guaranteedExplain" : "contests.rules.refundableExplain")}
              </span>
            </p>
          </Card>
        </aside>
      </div>
      {action && (
        <div className={styles["action-bar"]} data-testid="action-bar">
          <a href={action.href} className={buttonClass({ variant: "accent", block: true })}>
            {t(action.label)}
          </a>
        </div>
      )}
    </article>
  );
}

/** The provider of a prize's live (not lapsed) award, if any. */
function winnerOf(task: Task, prizeIndex: number): string | undefined {
  return task.awards.find((a) => a.prizeIndex === prizeIndex && a.status !== "lapsed")?.providerId;
}

/** A winner's display name (their public profile), linked to it. */
function WinnerName({ id }: { id: string }) {
  const { t } = useI18n();
  const profile = useQuery({
    queryKey: ["users", id],
    queryFn: ({ signal }) =>
      api.get<{ user: PublicProfile }>(`/users/${encodeURIComponent(id)}`, { signal }).then((r) => r.user),
  });
  return (
    <Link to={`/users/${id}`}>
      {t("contests.page.winner")}: {profile.data?.displayName ?? "…"}
    </Link>
  );
}

/** What the prize list says of each tier's state (`open`: nothing). */
const tierLabel: Record<Task["prizes"][number]["status"], MessageKey | undefined> = {
  open: undefined,
  awarded: "contests.page.tierAwarded",
  paid: "contests.page.tierPaid",
  reawardable: "contests.page.tierLapsed",
  refunded: "contests.page.tierRefunded",
};

function StatusBanner({ task, role, lapsed }: { task: Task; role: Role; lapsed?: Entry }) {
  const { t, locale, money } = useI18n();
  // The auto-accept dates come from what waits for the viewer (GET /me/actions).
  const waiting = useQuery({
    ...myActionsQuery,
    enabled: task.status === "awarded" && (role === "buyer" || role === "winnerHandedOver"),
  });
  const earliest = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort()[0];
  const acceptBy = earliest(
    (role === "buyer" ? waiting.data?.toAccept : waiting.data?.awaitingPayment)
      ?.filter((x) => x.taskId === task.id)
      .map((x) => x.autoAcceptAt) ?? [],
  );
  const handoverDue = earliest(task.awards.filter((a) => a.status === "awarded").map((a) => a.handoverDueAt));
  const prizeName = usePrizeName();
  // The first prize the buyer may award again (its award lapsed), if any.
  const reawardable = task.prizes.find((p) => p.status === "reawardable" && p.reawardEndsAt);
  const deadline = formatDateTime(task.submissionDeadline, locale, { zone: true });
  const selectionEnds = task.selectionEndsAt
    ? formatDateTime(task.selectionEndsAt, locale, { zone: true })
    : "";
  let key: MessageKey;
  let tone: "info" | "success" | "warn" = "info";
  switch (task.status) {
    case "open":
      key = role === "buyer" ? "contests.banner.open.buyer" : "contests.banner.open.other";
      break;
    case "selecting":
      key =
        role === "buyer"
          ? task.guaranteed
            ? "contests.banner.selecting.buyerGuaranteed"
            : "contests.banner.selecting.buyerRefundable"
          : "contests.banner.selecting.other";
      tone = role === "buyer" ? "warn" : "info";
      break;
    case "awarded":
      key =
        role === "buyer"
          ? reawardable
            ? task.guaranteed
              ? "contests.banner.awarded.buyerLapsedGuaranteed"
              : "contests.banner.awarded.buyerLapsedRefundable"
            : acceptBy
              ? "contests.banner.awarded.buyerDue"
              : "contests.banner.awarded.buyer"
          : role === "lapsed"
            ? "contests.banner.awarded.lapsed"
            : role === "winner"
              ? "contests.banner.awarded.winner"
              : role === "winnerHandedOver"
                ? "contests.banner.awarded.winnerHandedOver"
                : "contests.banner.awarded.other";
      tone =
        role === "winner" || role === "winnerHandedOver"
          ? "success"
          : role === "lapsed" || (role === "buyer" && reawardable)
            ? "warn"
            : "info";
      break;
    case "completed":
      key =
        role === "winner" || role === "winnerHandedOver"
          ? "contests.banner.completed.winner"
          : "contests.banner.completed.other";
      tone = "success";
      break;
    case "refunded":
      key = "contests.banner.refunded";
      break;
    default:
      key = "contests.banner.cancelled";
  }
  return (
    <div
      className={cx(styles["status-banner"], styles[`status-banner--${tone}`])}
      role="note"
      aria-label={t("contests.banner.label")}
    >
      <Icon name={tone === "success" ? "check" : tone === "warn" ? "alert" : "clock"} size={22} />
      <p>
        {t(key, {
          deadline,
          selectionEnds,
          pool: money(task.poolMinor, { trimWholeFen: true }),
          prize: reawardable ? prizeName(reawardable.prizeIndex) : "",
          until: reawardable?.reawardEndsAt
            ? formatDateTime(reawardable.reawardEndsAt, locale, { zone: true })
            : "",
          date: acceptBy ? formatDateTime(acceptBy, locale, { zone: true }) : "—",
          handoverDue: handoverDue ? formatDateTime(handoverDue, locale, { zone: true }) : "—",
          lapsedAt: lapsed?.award?.lapsedAt
            ? formatDateTime(lapsed.award.lapsedAt, locale, { zone: true })
            : "",
        })}
      </p>
    </div>
  );
}
