// Small pieces every contest page shares: the status badge, the live countdown, the contest card
// and the list of them (loading, error and empty states through the kit's AsyncView).
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { CategoryTree } from "../../../../../contracts/categories.ts";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Icon } from "../../../components/Icon.tsx";
import { LoadMore } from "../../../components/ListKit.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import {
  contestErrors,
  contestErrorText,
  isContest,
  type Task,
  type TaskList,
  type TaskStatus,
} from "../api.ts";
import styles from "../contests.module.css";
import { formatRemaining } from "../time.ts";

export const statusKey: Record<TaskStatus, MessageKey> = {
  open: "contests.status.open",
  selecting: "contests.status.selecting",
  awarded: "contests.status.awarded",
  completed: "contests.status.completed",
  cancelled: "contests.status.cancelled",
  refunded: "contests.status.refunded",
  hired: "contests.status.hired",
  closed: "contests.status.closed",
};

const statusTone: Record<TaskStatus, BadgeTone> = {
  open: "success",
  selecting: "accent",
  awarded: "brand",
  hired: "brand",
  completed: "muted",
  cancelled: "muted",
  refunded: "muted",
  closed: "muted",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={statusTone[status]} className="contest-status">
      {t(statusKey[status])}
    </Badge>
  );
}

/** "剩余 3 天 4 小时" while open; the deadline itself once it has passed. */
export function Countdown({ task, now }: { task: Task; now: number }) {
  const { t, locale } = useI18n();
  const until = task.status === "open" ? task.submissionDeadline : task.selectionEndsAt;
  const remaining =
    until && (task.status === "open" || task.status === "selecting") ? formatRemaining(t, until, now) : null;
  if (remaining && until) {
    return (
      <span className={styles.countdown} role="timer">
        <Icon name="clock" size={16} />
        <span>
          {t(task.status === "open" ? "contests.time.submissionsLeft" : "contests.time.selectionLeft", {
            time: remaining,
          })}
        </span>
        <time dateTime={until} className={styles.countdown__date}>
          {t("contests.time.until", { date: formatDateTime(until, locale, { zone: true }) })}
        </time>
      </span>
    );
  }
  return (
    <span className={cx(styles.countdown, styles["countdown--ended"])}>
      <Icon name="clock" size={16} />
      <span>
        {new Date(task.submissionDeadline).getTime() > now
          ? t("contests.time.closedEarly")
          : t("contests.time.closedAt", {
              date: formatDateTime(task.submissionDeadline, locale, { zone: true }),
            })}
      </span>
    </span>
  );
}

export function ContestCard({ task, categoryName, now }: { task: Task; categoryName?: string; now: number }) {
  const { t, money } = useI18n();
  const titleId = `contest-${task.id}-title`;
  return (
    <Card as="li" className={styles["contest-card"]} aria-labelledby={titleId} data-testid="contest-card">
      <div className={styles["contest-card__head"]}>
        <StatusBadge status={task.status} />
        {categoryName && <span className={styles["contest-card__category"]}>{categoryName}</span>}
      </div>
      <h3 id={titleId} className={styles["contest-card__title"]}>
        <Link to={`/tasks/${task.id}`}>{task.title}</Link>
      </h3>
      <p className={styles["contest-card__pool"]}>
        <span className={styles["contest-card__amount"]}>
          {money(task.poolMinor, { trimWholeFen: true })}
        </span>
        <span className={styles["contest-card__pool-label"]}>{t("contests.card.pool")}</span>
      </p>
      <p className={styles["contest-card__tiers"]}>
        {t("contests.card.tiers", {
          count: task.prizesMinor.length,
          first: money(task.prizesMinor[0] ?? 0, { trimWholeFen: true }),
        })}
      </p>
      <div className={styles["contest-card__meta"]}>
        <Countdown task={task} now={now} />
        <span>{t("contests.card.entries", { count: task.entryCount })}</span>
      </div>
      <ul className={styles["contest-card__flags"]} aria-label={t("contests.card.rules")}>
        {task.sealed && (
          <li>
            <Icon name="lock" size={14} />
            {t("contests.rules.sealedShort")}
          </li>
        )}
        <li>
          <Icon name="shield" size={14} />
          {t(task.guaranteed ? "contests.rules.guaranteedShort" : "contests.rules.refundableShort")}
        </li>
      </ul>
    </Card>
  );
}

type ListQuery = UseInfiniteQueryResult<InfiniteData<TaskList, unknown>>;

/** A list of contest cards from the query cache, with "load more" over the API's cursor. */
export function ContestList({
  list,
  now,
  names,
  empty,
  counted,
}: {
  list: ListQuery;
  now: number;
  names: Map<string, { "zh-CN": string; en: string }>;
  empty: ReactNode;
  /** Say how many are shown (the browse page). */
  counted?: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <AsyncView
      query={list}
      loadingLabel={t("contests.loading")}
      skeletons={1}
      errors={contestErrors}
      isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
      empty={empty}
    >
      {(data) => {
        // The lists ask for contests only (mode=contest).
        const items = data.pages.flatMap((p) => p.items).filter(isContest);
        return (
          <>
            {counted && (
              <p className={styles["results-count"]} aria-live="polite">
                {t("contests.browse.shown", { count: items.length })}
              </p>
            )}
            <ul className="grid grid--3 contest-grid">
              {items.map((task) => (
                <ContestCard
                  key={task.id}
                  task={task}
                  now={now}
                  categoryName={task.categoryId ? names.get(task.categoryId)?.[locale] : undefined}
                />
              ))}
            </ul>
            <LoadMore
              list={list}
              more={t("contests.browse.more")}
              loading={t("contests.loading")}
              error={() => contestErrorText(t, list.error)}
            />
          </>
        );
      }}
    </AsyncView>
  );
}

/** The category tree as <optgroup>s; `allOf` adds "all of <group>" (the browse filter). */
export function CategoryOptions({ tree, allOf }: { tree: CategoryTree | undefined; allOf?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <>
      {tree?.items.map((c) => (
        <optgroup key={c.id} label={c.name[locale]}>
          {allOf && <option value={c.id}>{t("contests.browse.allOf", { name: c.name[locale] })}</option>}
          {c.children.map((child) => (
            <option key={child.id} value={child.id}>
              {child.name[locale]}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
