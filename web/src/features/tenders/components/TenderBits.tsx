// Small pieces the tender pages share: status words and the tender card of the browse list.
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link } from "../../../app/router.tsx";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Card, cardTitleClass } from "../../../components/Card.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import shared from "../../orders/orders.module.css";
import type { BidStatus, TenderStatus, TenderTask } from "../api.ts";

/** A tender's statuses (a task status a tender never has falls back to "closed"). */
export const tenderStatusKey: Partial<Record<TenderStatus, MessageKey>> = {
  open: "tenders.status.open",
  selecting: "tenders.status.selecting",
  hired: "tenders.status.hired",
  closed: "tenders.status.closed",
  cancelled: "tenders.status.cancelled",
  completed: "tenders.status.completed",
};
const tone: Partial<Record<TenderStatus, BadgeTone>> = {
  open: "success",
  selecting: "accent",
  hired: "brand",
  closed: "muted",
  cancelled: "muted",
  completed: "muted",
};

export function TenderStatusBadge({ status }: { status: TenderStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={tone[status] ?? "muted"}>{t(tenderStatusKey[status] ?? "tenders.status.closed")}</Badge>
  );
}

export const bidStatusKey: Record<BidStatus, MessageKey> = {
  submitted: "tenders.bidStatus.submitted",
  withdrawn: "tenders.bidStatus.withdrawn",
  accepted: "tenders.bidStatus.accepted",
  declined: "tenders.bidStatus.declined",
};

export function TenderCard({ task, categoryName }: { task: TenderTask; categoryName?: string }) {
  const { t, money, locale } = useI18n();
  const titleId = `tender-${task.id}-title`;
  return (
    <Card as="li" className={shared.card} aria-labelledby={titleId} data-testid="tender-card">
      <div className={shared.card__head}>
        <TenderStatusBadge status={task.status} />
        {categoryName && <span className={shared.muted}>{categoryName}</span>}
      </div>
      <h3 id={titleId} className={cardTitleClass}>
        <Link to={`/tasks/${task.id}`}>{task.title}</Link>
      </h3>
      <p className={shared.card__amount}>
        {task.budgetMinor !== null && task.budgetMinor !== undefined
          ? t("tenders.card.budget", { amount: money(task.budgetMinor, { trimWholeFen: true }) })
          : t("tenders.card.noBudget")}
      </p>
      <p className={shared.muted}>
        <Icon name="clock" size={14} />{" "}
        {t("tenders.card.deadline", { date: formatDateTime(task.bidDeadline, locale, { zone: true }) })}
      </p>
      <p className={shared.muted}>
        {t("tenders.card.bids", { count: task.bidCount ?? task.entryCount ?? 0 })}
      </p>
    </Card>
  );
}
