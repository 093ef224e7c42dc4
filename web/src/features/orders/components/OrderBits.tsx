// Small pieces the order pages share: status badges of an order and of a milestone, a person's
// name linked to their profile, and the order card of "my orders".
import { useQuery } from "@tanstack/react-query";
import type { PublicProfile } from "../../../../../contracts/accounts.ts";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link } from "../../../app/router.tsx";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Card, cardTitleClass } from "../../../components/Card.tsx";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import type { MilestoneStatus, Order, OrderStatus, PersonRef } from "../api.ts";
import styles from "../orders.module.css";

export const orderStatusKey: Record<OrderStatus, MessageKey> = {
  pending_confirmation: "orders.status.pending_confirmation",
  in_progress: "orders.status.in_progress",
  completed: "orders.status.completed",
  cancelled: "orders.status.cancelled",
};
const orderTone: Record<OrderStatus, BadgeTone> = {
  pending_confirmation: "accent",
  in_progress: "brand",
  completed: "success",
  cancelled: "muted",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={orderTone[status] ?? "muted"}>{t(orderStatusKey[status] ?? "orders.status.unknown")}</Badge>
  );
}

export const milestoneStatusKey: Record<MilestoneStatus, MessageKey> = {
  pending_funding: "orders.ms.pending_funding",
  funded: "orders.ms.funded",
  delivered: "orders.ms.delivered",
  revision_requested: "orders.ms.revision_requested",
  accepted: "orders.ms.accepted",
  refunded: "orders.ms.refunded",
  disputed: "orders.ms.disputed",
  split: "orders.ms.split",
};
const milestoneTone: Record<MilestoneStatus, BadgeTone> = {
  pending_funding: "muted",
  funded: "brand",
  delivered: "accent",
  revision_requested: "danger",
  accepted: "success",
  refunded: "muted",
  disputed: "danger",
  split: "muted",
};

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={milestoneTone[status] ?? "muted"}>
      {t(milestoneStatusKey[status] ?? "orders.status.unknown")}
    </Badge>
  );
}

/** A person's public name (from the answer when it carries it, else their profile), linked to it. */
export function PersonLink({ id, person }: { id: string; person?: PersonRef }) {
  const profile = useQuery({
    queryKey: ["users", id],
    queryFn: ({ signal }) =>
      api.get<{ user: PublicProfile }>(`/users/${encodeURIComponent(id)}`, { signal }).then((r) => r.user),
    enabled: !person,
    staleTime: 5 * 60_000,
  });
  return <Link to={`/users/${id}`}>{person?.displayName ?? profile.data?.displayName ?? "…"}</Link>;
}

export function OrderCard({ order, as }: { order: Order; as: "buyer" | "provider" }) {
  const { t, money, locale } = useI18n();
  const titleId = `order-${order.id}-title`;
  const done = order.milestones.filter((m) => m.status === "accepted").length;
  const other = as === "buyer" ? order.providerId : order.buyerId;
  return (
    <Card as="li" className={styles.card} aria-labelledby={titleId} data-testid="order-card">
      <div className={styles.card__head}>
        <OrderStatusBadge status={order.status} />
        <span className={styles.muted}>
          {t(order.source.type === "bid" ? "orders.sourceBid" : "orders.sourceService")}
        </span>
      </div>
      <h3 id={titleId} className={cardTitleClass}>
        <Link to={`/orders/${order.id}`}>{order.title}</Link>
      </h3>
      <p className={styles.card__amount}>{money(order.totalMinor, { trimWholeFen: true })}</p>
      <p className={styles.muted}>
        {t(as === "buyer" ? "orders.card.provider" : "orders.card.buyer")} <PersonLink id={other} />
      </p>
      <p className={styles.muted}>
        {t("orders.card.milestones", { done, count: order.milestones.length })}
        {" · "}
        {formatDateTime(order.createdAt, locale)}
      </p>
    </Card>
  );
}
