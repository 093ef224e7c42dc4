// One order (/orders/:id), for both parties (and operators, read-only): what it is and what it
// costs, a banner saying what happens next, the milestones with their state, dates and deliveries,
// a timeline of what happened, and what the viewer may do now — confirm, fund (top-up on 402),
// deliver (text + files with upload progress), accept, request a revision, cancel / agree to cancel.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useCallback, useId, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link, useParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Facts } from "../../../components/Facts.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { errorDetail } from "../../../lib/errors.ts";
import { useIdempotencyKey } from "../../../lib/idempotency.ts";
import { TopUpStep } from "../../contests/components/TopUpStep.tsx";
import { WorkForm } from "../../contests/components/WorkForm.tsx";
import { loginHref, useViewer } from "../../contests/session.ts";
import { ThreadPanel } from "../../messages/components/ThreadPanel.tsx";
import {
  type Delivery,
  type Milestone,
  type Order,
  type OrderEvent,
  orderErrors,
  orderErrorText,
  orderQuery,
  shortOf,
  useOrderChanged,
} from "../api.ts";
import { MilestoneStatusBadge, OrderStatusBadge, PersonLink } from "../components/OrderBits.tsx";
import styles from "../orders.module.css";

type Role = "buyer" | "provider" | "observer";

export function OrderPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const viewer = useViewer();
  const order = useQuery({ ...orderQuery(id), enabled: viewer.status === "ready" && viewer.me !== null });
  useDocumentTitle(order.data ? order.data.title : t("orders.page.title"));
  if (viewer.status === "ready" && !viewer.me) {
    return (
      <div className={cx("container", "section", styles.narrow)}>
        <h1>{t("orders.page.title")}</h1>
        <Notice icon="lock" action={<Link to={loginHref(`/orders/${id}`)}>{t("orders.signInAction")}</Link>}>
          {t("orders.page.signIn")}
        </Notice>
      </div>
    );
  }
  if (order.isError && !order.data) {
    return (
      <div className="container section">
        <h1>{t("orders.page.errorTitle")}</h1>
        <AsyncView query={order} errors={orderErrors}>
          {() => null}
        </AsyncView>
        <p>
          <Link to="/orders">{t("orders.page.back")}</Link>
        </p>
      </div>
    );
  }
  if (!order.data || viewer.status === "loading") {
    return (
      <div className={cx("container", "section", styles.loading)}>
        <AsyncView query={order} loadingLabel={t("orders.loading")} skeletons={1}>
          {() => null}
        </AsyncView>
      </div>
    );
  }
  const meId = viewer.me?.id;
  const role: Role =
    meId === order.data.buyerId ? "buyer" : meId === order.data.providerId ? "provider" : "observer";
  return <OrderView order={order.data} role={role} />;
}

function OrderView({ order, role }: { order: Order; role: Role }) {
  const { t, money, locale } = useI18n();
  const paidMinor = order.milestones
    .filter((m) => m.status === "accepted")
    .reduce((s, m) => s + m.amountMinor, 0);
  const escrowMinor = order.milestones
    .filter((m) => ["funded", "delivered", "revision_requested"].includes(m.status))
    .reduce((s, m) => s + m.amountMinor, 0);
  return (
    <article aria-labelledby="order-title" data-testid="order-page">
      <header className={styles.hero}>
        <div className="container">
          <nav aria-label={t("orders.page.breadcrumb")} className={styles.breadcrumb}>
            <Link to="/orders">{t("orders.mine.title")}</Link>
          </nav>
          <div className={styles.badges}>
            <OrderStatusBadge status={order.status} />
            <span className={styles.muted}>
              {t(
                role === "buyer"
                  ? "orders.page.youBuy"
                  : role === "provider"
                    ? "orders.page.youProvide"
                    : "orders.page.observer",
              )}
            </span>
          </div>
          <h1 id="order-title" className={styles.hero__title}>
            {order.title}
          </h1>
          <p className={styles.parties}>
            <span>
              {t("orders.page.buyer")} <PersonLink id={order.buyerId} />
            </span>
            <span>
              {t("orders.page.provider")} <PersonLink id={order.providerId} />
            </span>
            <span>{t("orders.page.created", { time: formatDateTime(order.createdAt, locale) })}</span>
          </p>
          <Banner order={order} role={role} />
        </div>
      </header>

      <div className={cx("container", styles.layout)}>
        <div className={styles.main}>
          {order.requirements && (
            <section aria-labelledby="req-title" className={styles.section}>
              <h2 id="req-title">{t("orders.page.requirements")}</h2>
              <p className={styles.prose}>{order.requirements}</p>
            </section>
          )}
          <section aria-labelledby="ms-title" className={styles.section}>
            <h2 id="ms-title">{t("orders.page.milestones")}</h2>
            <ol className={styles.milestones}>
              {[...order.milestones]
                .sort((a, b) => a.index - b.index)
                .map((m) => (
                  <MilestoneCard key={m.id} order={order} milestone={m} role={role} />
                ))}
            </ol>
          </section>
          {/* The two parties' private thread (messages feature); operators read orders, not threads. */}
          {role !== "observer" && <ThreadPanel subject={{ type: "order", id: order.id }} />}
        </div>
        <aside className={styles.side} aria-label={t("orders.page.summary")}>
          <Card tone="raised">
            <p className={styles.side__label}>{t("orders.page.total")}</p>
            <p className={styles.side__amount}>{money(order.totalMinor)}</p>
            <Facts>
              <div>
                <dt>{t("orders.page.inEscrow")}</dt>
                <dd>{money(escrowMinor)}</dd>
              </div>
              <div>
                <dt>{t("orders.page.released")}</dt>
                <dd>{money(paidMinor)}</dd>
              </div>
              <div>
                <dt>{t("orders.page.source")}</dt>
                <dd>
                  {order.source.type === "bid" ? (
                    t("orders.sourceBid")
                  ) : (
                    <Link to={`/services/${order.source.id}`}>{t("orders.sourceService")}</Link>
                  )}
                </dd>
              </div>
            </Facts>
          </Card>
          {role !== "observer" && <OrderActions order={order} role={role} />}
        </aside>
        <div className={styles.after}>
          <Timeline order={order} />
        </div>
      </div>
    </article>
  );
}

/** The sentence under the title: where the order stands and who acts next. */
function Banner({ order, role }: { order: Order; role: Role }) {
  const { t, locale } = useI18n();
  const other = role === "buyer" ? order.providerId : order.buyerId;
  let key: MessageKey;
  let tone: "info" | "warn" | "success" = "info";
  if (order.status === "pending_confirmation") {
    key = role === "provider" ? "orders.banner.confirm.provider" : "orders.banner.confirm.buyer";
    tone = role === "provider" ? "warn" : "info";
  } else if (order.status === "completed") {
    key = "orders.banner.completed";
    tone = "success";
  } else if (order.status === "cancelled") {
    key = "orders.banner.cancelled";
  } else if (order.cancelRequestedBy) {
    key =
      order.cancelRequestedBy === other ? "orders.banner.cancelAsked.you" : "orders.banner.cancelAsked.other";
    tone = "warn";
  } else {
    const current = order.milestones.find((m) => !["accepted", "refunded", "split"].includes(m.status));
    key =
      current?.status === "delivered"
        ? role === "buyer"
          ? "orders.banner.review.buyer"
          : "orders.banner.review.provider"
        : current?.status === "pending_funding"
          ? role === "buyer"
            ? "orders.banner.fund.buyer"
            : "orders.banner.fund.provider"
          : role === "provider"
            ? "orders.banner.work.provider"
            : "orders.banner.work.buyer";
    if (
      (current?.status === "delivered" && role === "buyer") ||
      (current?.status === "pending_funding" && role === "buyer")
    )
      tone = "warn";
  }
  return (
    <div
      className={cx(styles.banner, styles[`banner--${tone}`])}
      role="note"
      aria-label={t("orders.banner.label")}
    >
      <Icon name={tone === "success" ? "check" : tone === "warn" ? "alert" : "clock"} size={22} />
      <p>
        {t(key, {
          confirmBy: order.confirmBy ? formatDateTime(order.confirmBy, locale, { zone: true }) : "—",
        })}
      </p>
    </div>
  );
}

/** An action on the order or a milestone: POST, reload everything; money POSTs carry a key. */
function useAction(path: string, idempotent = false) {
  const changed = useOrderChanged();
  const key = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: unknown = {}) =>
      api.post<unknown>(path, body, idempotent ? { idempotencyKey: key.keyFor({ path, body }) } : undefined),
    onSuccess: () => {
      key.reset();
      return changed();
    },
    // A 402 moved nothing: the retry after the top-up is a new request.
    onError: (error) => {
      if (isApiError(error, "insufficient_funds")) key.reset();
    },
  });
}

function ActionError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error || isApiError(error, "insufficient_funds")) return null;
  return (
    <Notice tone="error" compact detail={errorDetail(error)}>
      {orderErrorText(t, error)}
    </Notice>
  );
}

/** Confirm (provider), cancel / ask to cancel / agree to cancel (either party). */
function OrderActions({ order, role }: { order: Order; role: "buyer" | "provider" }) {
  const { t } = useI18n();
  const confirm = useAction(`/orders/${order.id}/confirm`);
  const cancel = useAction(`/orders/${order.id}/cancel`);
  const [asking, setAsking] = useState(false);
  // A stable ref callback: called once when the question appears, not on every render.
  const focusFirstButton = useCallback(
    (box: HTMLDivElement | null) => box?.querySelector("button")?.focus(),
    [],
  );
  const open = order.status === "pending_confirmation" || order.status === "in_progress";
  if (!open) return null;
  const other = role === "buyer" ? order.providerId : order.buyerId;
  const otherAsked = order.cancelRequestedBy === other;
  const iAsked = order.cancelRequestedBy !== null && order.cancelRequestedBy !== other;
  const cancelLabel: MessageKey =
    order.status === "pending_confirmation"
      ? role === "provider"
        ? "orders.action.decline"
        : "orders.action.cancel"
      : otherAsked
        ? "orders.action.agreeCancel"
        : role === "provider"
          ? "orders.action.cancelRefund"
          : "orders.action.askCancel";
  const explain: MessageKey =
    order.status === "pending_confirmation"
      ? "orders.cancel.explainPending"
      : otherAsked
        ? "orders.cancel.explainAgree"
        : role === "provider"
          ? "orders.cancel.explainProvider"
          : "orders.cancel.explainBuyer";
  return (
    <Card className={styles.actions} data-testid="order-actions">
      <h2 className={styles.actions__title}>{t("orders.page.actions")}</h2>
      {role === "provider" && order.status === "pending_confirmation" && (
        <Button variant="accent" block onClick={() => confirm.mutate(undefined)} disabled={confirm.isPending}>
          <Icon name="check" size={18} />
          {t("orders.action.confirm")}
        </Button>
      )}
      <ActionError error={confirm.error} />
      {iAsked ? (
        <Notice compact role="status">
          {t("orders.cancel.waiting")}
        </Notice>
      ) : asking ? (
        <div
          className={styles.confirmBox}
          // The question replaced the button that had the focus: the focus moves to its answer.
          ref={focusFirstButton}
        >
          <p>{t(explain)}</p>
          <div className="button-row">
            <Button
              variant="primary"
              size="sm"
              onClick={() => cancel.mutate(undefined, { onSuccess: () => setAsking(false) })}
              disabled={cancel.isPending}
            >
              {t("orders.cancel.yes", { action: t(cancelLabel) })}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setAsking(false)}>
              {t("orders.cancel.no")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant={otherAsked ? "primary" : "secondary"} block onClick={() => setAsking(true)}>
          {t(cancelLabel)}
        </Button>
      )}
      <ActionError error={cancel.error} />
    </Card>
  );
}

function MilestoneCard({ order, milestone: m, role }: { order: Order; milestone: Milestone; role: Role }) {
  const { t, money, locale } = useI18n();
  const changed = useOrderChanged();
  const titleId = `ms-${m.id}-title`;
  const live = order.status === "in_progress";
  const canFund =
    role === "buyer" &&
    m.status === "pending_funding" &&
    order.status !== "cancelled" &&
    order.status !== "completed";
  const canDeliver =
    role === "provider" && live && (m.status === "funded" || m.status === "revision_requested");
  const canReview = role === "buyer" && m.status === "delivered";
  const lastDelivery = m.deliveries[m.deliveries.length - 1];
  // A milestone paid out or refunded: its due date and revisions no longer matter.
  const settled = ["accepted", "refunded", "split"].includes(m.status);
  return (
    <li className={styles.milestone} aria-labelledby={titleId} data-testid="milestone">
      <div className={styles.milestone__head}>
        <span className={styles.milestone__index} aria-hidden="true">
          {m.index + 1}
        </span>
        <h3 id={titleId} className={styles.milestone__title}>
          <span className="visually-hidden">{t("orders.ms.number", { n: m.index + 1 })} </span>
          {m.title}
        </h3>
        <strong className={styles.milestone__amount}>{money(m.amountMinor)}</strong>
        <MilestoneStatusBadge status={m.status} />
      </div>
      <dl className={styles.milestone__facts}>
        {m.dueAt && !settled && (
          <div>
            <dt>{t("orders.ms.due")}</dt>
            <dd>{formatDateTime(m.dueAt, locale, { zone: true })}</dd>
          </div>
        )}
        {m.status === "delivered" && m.autoAcceptAt && (
          <div>
            <dt>{t("orders.ms.autoAccept")}</dt>
            <dd>{formatDateTime(m.autoAcceptAt, locale, { zone: true })}</dd>
          </div>
        )}
        {m.acceptedAt && (
          <div>
            <dt>{t("orders.ms.acceptedAt")}</dt>
            <dd>{formatDateTime(m.acceptedAt, locale)}</dd>
          </div>
        )}
        {!settled && (
          <div>
            <dt>{t("orders.ms.revisions")}</dt>
            <dd data-testid="revisions-left">{t("orders.ms.revisionsLeft", { count: m.revisionsLeft })}</dd>
          </div>
        )}
      </dl>
      {m.deliveries.length > 0 && (
        <div className={styles.deliveries}>
          <h4>{t("orders.ms.deliveries", { count: m.deliveries.length })}</h4>
          <ol>
            {m.deliveries.map((d, i) => (
              <DeliveryItem key={d.id} delivery={d} n={i + 1} latest={d === lastDelivery} />
            ))}
          </ol>
        </div>
      )}
      {canFund && <FundMilestone milestone={m} />}
      {canReview && <ReviewMilestone milestone={m} />}
      {canDeliver && (
        <div className={styles.deliver}>
          <WorkForm<unknown>
            path={`/milestones/${m.id}/deliveries`}
            heading={t(m.status === "revision_requested" ? "orders.deliver.again" : "orders.deliver.title")}
            intro={t("orders.deliver.intro")}
            textLabel={t("orders.deliver.text")}
            submitLabel={t("orders.deliver.submit")}
            acceptHint={t("orders.deliver.acceptHint")}
            onDone={() => void changed()}
          />
        </div>
      )}
    </li>
  );
}

function DeliveryItem({ delivery: d, n, latest }: { delivery: Delivery; n: number; latest: boolean }) {
  const { t, locale } = useI18n();
  const at = d.at;
  return (
    <li className={cx(styles.delivery, latest && styles["delivery--latest"])}>
      <p className={styles.muted}>
        {t("orders.ms.deliveryN", { n })}
        {at && <> · {formatDateTime(at, locale)}</>}
      </p>
      {d.text && <p className={styles.prose}>{d.text}</p>}
      {d.files.length > 0 && (
        <ul className={styles.files} aria-label={t("orders.ms.files")}>
          {d.files.map((f) => {
            const href = f.originalUrl ?? f.previewUrl ?? undefined;
            return (
              <li key={f.id}>
                {f.thumbnailUrl ? (
                  <img src={f.thumbnailUrl} alt="" width={64} height={64} loading="lazy" />
                ) : (
                  <Icon name="file" size={20} />
                )}
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer">
                    {f.name}
                  </a>
                ) : (
                  <span>{f.name}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}

function FundMilestone({ milestone: m }: { milestone: Milestone }) {
  const { t, money } = useI18n();
  const fund = useAction(`/milestones/${m.id}/fund`, true);
  const [short, setShort] = useState<number | null>(null);
  const run = () =>
    fund.mutate(undefined, {
      onError: (error) => setShort(shortOf(error, m.amountMinor)),
    });
  return (
    <div className={styles.milestone__actions}>
      <Button variant="accent" onClick={run} disabled={fund.isPending}>
        <Icon name="lock" size={18} />
        {t("orders.action.fund", { amount: money(m.amountMinor) })}
      </Button>
      <ActionError error={fund.error} />
      {short !== null && (
        <TopUpStep
          shortMinor={short}
          body={t("orders.topup.body", { amount: money(short) })}
          onPaid={() => {
            setShort(null);
            run();
          }}
        />
      )}
    </div>
  );
}

function ReviewMilestone({ milestone: m }: { milestone: Milestone }) {
  const { t, money } = useI18n();
  const id = useId();
  const accept = useAction(`/milestones/${m.id}/accept`, true);
  const revise = useAction(`/milestones/${m.id}/request-revision`);
  const [revising, setRevising] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  function sendRevision(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t("orders.revise.reasonMissing"));
      return;
    }
    revise.mutate({ reason: reason.trim() }, { onSuccess: () => setRevising(false) });
  }
  return (
    <div className={styles.milestone__actions}>
      <div className="button-row">
        <Button variant="accent" onClick={() => accept.mutate(undefined)} disabled={accept.isPending}>
          <Icon name="check" size={18} />
          {t("orders.action.accept", { amount: money(m.amountMinor) })}
        </Button>
        {!revising && (
          <Button variant="secondary" onClick={() => setRevising(true)} disabled={m.revisionsLeft <= 0}>
            {t("orders.action.revise", { count: m.revisionsLeft })}
          </Button>
        )}
      </div>
      {m.revisionsLeft <= 0 && <p className={styles.muted}>{t("orders.revise.none")}</p>}
      <ActionError error={accept.error} />
      {revising && (
        <form onSubmit={sendRevision} className={styles.reviseForm} noValidate>
          <TextAreaField
            id={`${id}-reason`}
            label={t("orders.revise.reason")}
            hint={t("orders.revise.hint", { count: m.revisionsLeft })}
            error={reasonError}
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(undefined);
            }}
          />
          <div className="button-row">
            <Button type="submit" variant="primary" size="sm" disabled={revise.isPending}>
              {t("orders.revise.submit")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setRevising(false)}>
              {t("orders.cancel.no")}
            </Button>
          </div>
        </form>
      )}
      <ActionError error={revise.error} />
    </div>
  );
}

type Moment = { at: string; text: string; actor: OrderEvent["actor"]; detail?: string };

const CANCEL_REASONS = [
  "before_confirmation",
  "by_provider",
  "by_agreement",
  "overdue",
  "unconfirmed",
] as const;
const isCancelReason = (r: string | undefined): r is (typeof CANCEL_REASONS)[number] =>
  (CANCEL_REASONS as readonly (string | undefined)[]).includes(r);

/**
 * What happened, oldest first, from the order's events (the server's domain events): revision
 * requests, cancellation requests and the automatic acceptance included, each with who did it.
 */
function Timeline({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const deliveredBefore = new Set<number>();
  const moments = order.events.map((e): Moment => {
    const milestone =
      order.milestones.find((m) => m.index === e.milestoneIndex)?.title ?? `#${(e.milestoneIndex ?? 0) + 1}`;
    const values = { milestone };
    const moment = (key: MessageKey, detail?: string): Moment => ({
      at: e.at,
      text: t(key, values),
      actor: e.actor,
      detail,
    });
    switch (e.type) {
      case "order.opened":
        return moment("orders.event.created");
      case "order.confirmed":
        return moment("orders.event.confirmed");
      case "order.cancel_requested":
        return {
          at: e.at,
          text: t("orders.event.cancelRequested", { who: t(`orders.event.by.${e.actor}`) }),
          actor: e.actor,
        };
      case "order.cancelled":
        if (e.reason === "unconfirmed") return moment("orders.event.expired");
        return moment(
          "orders.event.cancelled",
          isCancelReason(e.reason) ? t(`orders.event.cancelReason.${e.reason}`) : undefined,
        );
      case "order.completed":
        return moment("orders.event.completed");
      case "milestone.funded":
        return moment("orders.event.funded");
      case "milestone.delivered": {
        const again = deliveredBefore.has(e.milestoneIndex ?? -1);
        deliveredBefore.add(e.milestoneIndex ?? -1);
        return moment(again ? "orders.event.redelivered" : "orders.event.delivered");
      }
      case "milestone.revision_requested":
        return moment(
          "orders.event.revisionRequested",
          e.reason ? t("orders.event.reason", { reason: e.reason }) : undefined,
        );
      case "milestone.accepted":
        return moment(e.actor === "system" ? "orders.event.autoAccepted" : "orders.event.accepted");
      case "milestone.refunded":
        return moment("orders.event.refunded");
      default:
        return { at: e.at, text: t("orders.event.other", { type: e.type }), actor: e.actor };
    }
  });
  if (moments.length === 0) return null;
  return (
    <section aria-labelledby="timeline-title" className={styles.section}>
      <h2 id="timeline-title">{t("orders.page.timeline")}</h2>
      <ol className={styles.timeline}>
        {moments.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only and sorted once.
          <li key={i}>
            <time dateTime={m.at}>{formatDateTime(m.at, locale)}</time>
            <span>
              {m.text} <span className={styles.muted}>· {t(`orders.event.by.${m.actor}`)}</span>
            </span>
            {m.detail && <span className={cx(styles.muted, styles.small)}>{m.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
