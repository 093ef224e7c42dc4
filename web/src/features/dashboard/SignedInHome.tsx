// The signed-in home: a greeting, the ways on (post, browse, wallet) and what waits for me — each
// item with its contest, order or task, what to do and the date (with its time zone) it is due by; an empty state
// when nothing waits. Loaded only for a signed-in visitor (the anonymous home's first load stays small).
import { useQuery } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/accounts.ts";
import type { MyActions } from "../../../../contracts/dashboard.ts";
import { useI18n } from "../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { Link } from "../../app/router.tsx";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Badge } from "../../components/Badge.tsx";
import { ButtonLink } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { cx } from "../../components/cx.ts";
import { Icon } from "../../components/Icon.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { myActionsQuery } from "./api.ts";
import styles from "./dashboard.module.css";

type Item = {
  key: string;
  kind: MessageKey;
  tone: "accent" | "success" | "muted";
  /** The item's page: /tasks/:id or /orders/:id. */
  to: string;
  title: string;
  text: string;
};

function itemsOf(
  a: MyActions,
  t: ReturnType<typeof useI18n>["t"],
  locale: string,
  money: (m: number) => string,
): Item[] {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, { zone: true }) : "—");
  return [
    ...a.toJudge.map((x) => ({
      key: `judge-${x.taskId}`,
      kind: "dash.kind.judge" as const,
      tone: "accent" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: x.selectionEndsAt
        ? t("dash.judge", { count: x.entries, date: when(x.selectionEndsAt) })
        : t("dash.judgeNoDate", { count: x.entries }),
    })),
    ...a.toAccept.map((x) => ({
      key: `accept-${x.entryId}`,
      kind: "dash.kind.accept" as const,
      tone: "accent" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: t("dash.accept", { name: x.providerName, date: when(x.autoAcceptAt) }),
    })),
    ...a.toHandOver.map((x) => ({
      key: `handover-${x.entryId}`,
      kind: "dash.kind.handOver" as const,
      tone: "success" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: t("dash.handOver", { amount: money(x.amountMinor), date: when(x.handoverDueAt) }),
    })),
    ...a.toReaward.map((x) => ({
      key: `reaward-${x.taskId}-${x.prizeIndex}`,
      kind: "dash.kind.reaward" as const,
      tone: "accent" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: t("dash.reaward", { amount: money(x.amountMinor), date: when(x.reawardEndsAt) }),
    })),
    ...a.awaitingPayment.map((x) => ({
      key: `awaiting-${x.entryId}`,
      kind: "dash.kind.awaiting" as const,
      tone: "muted" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: t("dash.awaiting", { amount: money(x.amountMinor), date: when(x.autoAcceptAt) }),
    })),
    ...a.ordersToConfirm.map((x) => ({
      key: `confirm-${x.orderId}`,
      kind: "dash.kind.confirm" as const,
      tone: "accent" as const,
      to: `/orders/${x.orderId}`,
      title: x.title,
      text: t("dash.confirm", { name: x.buyerName, amount: money(x.totalMinor), date: when(x.confirmBy) }),
    })),
    ...a.milestonesToDeliver.map((x) => ({
      key: `deliver-${x.milestoneId}`,
      kind: "dash.kind.deliver" as const,
      tone: "success" as const,
      to: `/orders/${x.orderId}`,
      title: x.title,
      text: t(x.status === "revision_requested" ? "dash.deliverRevision" : "dash.deliver", {
        milestone: x.milestoneTitle,
        amount: money(x.amountMinor),
        date: when(x.dueAt),
      }),
    })),
    ...a.deliveriesToAccept.map((x) => ({
      key: `accept-milestone-${x.milestoneId}`,
      kind: "dash.kind.accept" as const,
      tone: "accent" as const,
      to: `/orders/${x.orderId}`,
      title: x.title,
      text: t("dash.acceptDelivery", {
        name: x.providerName,
        milestone: x.milestoneTitle,
        date: when(x.autoAcceptAt),
      }),
    })),
    ...a.milestonesToFund.map((x) => ({
      key: `fund-${x.milestoneId}`,
      kind: "dash.kind.fund" as const,
      tone: "muted" as const,
      to: `/orders/${x.orderId}`,
      title: x.title,
      text: t("dash.fund", { milestone: x.milestoneTitle, amount: money(x.amountMinor) }),
    })),
    ...a.bidsToCompare.map((x) => ({
      key: `bids-${x.taskId}`,
      kind: "dash.kind.bids" as const,
      tone: "accent" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: t("dash.bids", { count: x.bids, date: when(x.selectionEndsAt) }),
    })),
    ...a.piecesToReview.map((x) => ({
      key: `pieces-${x.taskId}`,
      kind: "dash.kind.pieces" as const,
      tone: "accent" as const,
      to: `/tasks/${x.taskId}`,
      title: x.title,
      text: x.reviewEndsAt
        ? t("dash.pieces", { count: x.pieces, date: when(x.reviewEndsAt) })
        : t("dash.piecesNoDate", { count: x.pieces }),
    })),
  ];
}

export function SignedInHome({ user }: { user: Me }) {
  const { t, locale, money } = useI18n();
  const actions = useQuery(myActionsQuery);
  const fmt = (minor: number) => money(minor, { trimWholeFen: true });
  return (
    <section className={cx("section", styles.home)} aria-labelledby="dash-title">
      <div className="container">
        <h1 id="dash-title" className={styles.title}>
          {t("dash.hello", { name: user.displayName })}
        </h1>
        <p className={styles.lead}>{t("dash.lead")}</p>
        <div className="button-row">
          <ButtonLink to="/contests/new" variant="accent">
            {t("dash.post")}
          </ButtonLink>
          <ButtonLink to="/contests" variant="secondary">
            {t("dash.browse")}
          </ButtonLink>
          <ButtonLink to="/wallet" variant="ghost">
            {t("dash.wallet")}
          </ButtonLink>
        </div>
        <Card tone="raised" as="section" className={styles.panel} aria-labelledby="actions-title">
          <h2 id="actions-title" className={styles.panel__title}>
            <Icon name="clock" size={22} />
            {t("dash.actions.title")}
          </h2>
          <AsyncView
            query={actions}
            loadingLabel={t("dash.actions.loading")}
            skeletons={2}
            failure={t("dash.actions.error")}
            retryLabel={t("dash.actions.retry")}
            isEmpty={(data) => itemsOf(data, t, locale, fmt).length === 0}
            empty={t("dash.actions.empty")}
          >
            {(data) => (
              <ul className={styles.list} data-testid="my-actions">
                {itemsOf(data, t, locale, fmt).map((item) => (
                  <li key={item.key} className={styles.item}>
                    <Badge tone={item.tone}>{t(item.kind)}</Badge>
                    <Link to={item.to} className={styles.item__title}>
                      {item.title}
                    </Link>
                    <p className={styles.item__text}>{item.text}</p>
                  </li>
                ))}
              </ul>
            )}
          </AsyncView>
        </Card>
      </div>
    </section>
  );
}
