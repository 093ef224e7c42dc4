// One tender (/tasks/:id when the task's mode is "tender"; the contest page hands it over): the
// brief, budget and bid deadline, then what the viewer may do — a provider bids (with the milestone
// editor) or sees and withdraws their bid; the buyer compares the bids and hires one; everyone else
// sees the bids only when the tender's bids are not sealed (else the count).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useLocation } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Facts } from "../../../components/Facts.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { emptyClass } from "../../../components/ListKit.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api } from "../../../lib/api.ts";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { formatDateTime, useNow } from "../../../lib/dates.ts";
import { loginHref, useViewer } from "../../contests/session.ts";
import { ThreadPanel } from "../../messages/components/ThreadPanel.tsx";
import { PersonLink } from "../../orders/components/OrderBits.tsx";
import shared from "../../orders/orders.module.css";
import {
  type Bid,
  bidCount,
  bidsQuery,
  type TenderTask,
  tenderErrors,
  tenderErrorText,
  useTenderChanged,
} from "../api.ts";
import { BidComparison } from "../components/BidComparison.tsx";
import { BidForm } from "../components/BidForm.tsx";
import { bidStatusKey, TenderStatusBadge } from "../components/TenderBits.tsx";
import styles from "../tenders.module.css";

export function TenderPage({ task }: { task: TenderTask }) {
  const { t, money, locale } = useI18n();
  useDocumentTitle(task.title);
  const viewer = useViewer();
  const { pathname } = useLocation();
  const meId = viewer.status === "ready" ? (viewer.me?.id ?? null) : null;
  const bids = useQuery(bidsQuery(task.id));
  const reload = useTenderChanged(task.id);
  const categories = useQuery(categoriesQuery);
  const category = task.categoryId
    ? categoryNames(categories.data).get(task.categoryId)?.[locale]
    : undefined;

  const isBuyer = meId !== null && meId === task.buyerId;
  const items = bids.data?.items ?? [];
  const own = items.filter((b) => b.providerId === meId);
  const activeOwn = own.find((b) => b.status === "submitted" || b.status === "accepted");
  // A provider whose bid was not chosen still sees it (and that it was declined).
  const shownOwn = activeOwn ?? own.find((b) => b.status === "declined");
  // Bids are taken until the deadline; the buyer may hire until the selection ends (the server decides).
  const now = useNow(30_000);
  const open = task.status === "open";
  const taking = open && new Date(task.bidDeadline).getTime() > now;
  const count = bidCount(bids.data, task);
  const accepted = items.find((b) => b.status === "accepted");
  const orderId = accepted?.orderId ?? activeOwn?.orderId ?? null;

  return (
    <article aria-labelledby="tender-title" data-testid="tender-page">
      <header className={shared.hero}>
        <div className="container">
          <nav aria-label={t("tenders.page.breadcrumb")} className={shared.breadcrumb}>
            <Link to="/tenders">{t("tenders.browse.title")}</Link>
            {category && (
              <>
                <span aria-hidden="true"> / </span>
                <span>{category}</span>
              </>
            )}
          </nav>
          <div className={shared.badges}>
            <Badge tone="accent">{t("tenders.mode")}</Badge>
            <TenderStatusBadge status={task.status} />
            {isBuyer && <Badge>{t("tenders.page.yours")}</Badge>}
          </div>
          <h1 id="tender-title" className={shared.hero__title}>
            {task.title}
          </h1>
          <p className={shared.muted}>
            {t("tenders.page.postedBy", { time: formatDateTime(task.createdAt, locale) })}{" "}
            <PersonLink id={task.buyerId} person={task.buyer} />
          </p>
          {task.status === "hired" && (isBuyer || activeOwn?.status === "accepted") && (
            <Notice
              tone="success"
              className={styles.heroNote}
              action={
                <ButtonLink to={orderId ? `/orders/${orderId}` : "/orders"} size="sm">
                  {t("tenders.page.openOrder")}
                </ButtonLink>
              }
            >
              {t(isBuyer ? "tenders.page.hiredBuyer" : "tenders.page.hiredYou")}
            </Notice>
          )}
        </div>
      </header>

      <div className={cx("container", shared.layout)}>
        <aside className={shared.side} aria-label={t("tenders.page.summary")}>
          <Card tone="raised">
            <p className={shared.side__label}>{t("tenders.page.budget")}</p>
            <p className={shared.side__amount}>
              {task.budgetMinor
                ? money(task.budgetMinor, { trimWholeFen: true })
                : t("tenders.page.noBudget")}
            </p>
            <Facts>
              <div>
                <dt>{t("tenders.page.deadline")}</dt>
                <dd>{formatDateTime(task.bidDeadline, locale, { zone: true })}</dd>
              </div>
              <div>
                <dt>{t("tenders.page.bidCount")}</dt>
                <dd>{count}</dd>
              </div>
              <div>
                <dt>{t("tenders.page.visibility")}</dt>
                <dd>{t(task.sealedBids ? "tenders.page.sealedShort" : "tenders.page.openShort")}</dd>
              </div>
            </Facts>
            <p className={cx(shared.muted, shared.small)}>
              <Icon name="shield" size={16} /> {t("tenders.page.escrowNote")}
            </p>
          </Card>
        </aside>
        <div className={shared.main}>
          <section aria-labelledby="tender-brief" className={shared.section}>
            <h2 id="tender-brief">{t("tenders.page.brief")}</h2>
            <p className={shared.prose}>{task.brief}</p>
          </section>

          {!bids.data && (
            <AsyncView query={bids} loadingLabel={t("tenders.loading")} errors={tenderErrors}>
              {() => null}
            </AsyncView>
          )}

          {bids.data &&
            isBuyer &&
            (items.length > 0 ? (
              <BidComparison bids={items} canHire={open} onHired={reload} />
            ) : (
              <p className={emptyClass}>
                {t(taking ? "tenders.compare.emptyOpen" : "tenders.compare.empty")}
              </p>
            ))}

          {bids.data && !isBuyer && shownOwn && (
            <OwnBid bid={shownOwn} canWithdraw={taking && shownOwn.status === "submitted"} onDone={reload} />
          )}

          {bids.data && !isBuyer && !activeOwn && taking && (
            <Card id="bid">
              {meId ? (
                <BidForm taskId={task.id} onDone={() => void reload()} />
              ) : (
                <>
                  <h2>{t("tenders.bid.title")}</h2>
                  <p className={shared.muted}>{t("tenders.bid.signIn")}</p>
                  <ButtonLink to={loginHref(pathname)}>{t("tenders.signInAction")}</ButtonLink>
                </>
              )}
            </Card>
          )}

          {bids.data && !isBuyer && (
            <section aria-labelledby="tender-bids" className={shared.section}>
              <h2 id="tender-bids">{t("tenders.page.bids", { count })}</h2>
              {task.sealedBids ? (
                <Notice icon="lock">{t("tenders.page.sealed", { count })}</Notice>
              ) : items.filter((b) => b.providerId !== meId).length > 0 ? (
                <BidComparison
                  bids={items.filter((b) => b.providerId !== meId)}
                  canHire={false}
                  onHired={reload}
                />
              ) : (
                <p className={emptyClass}>
                  {t(taking ? "tenders.compare.emptyOpen" : "tenders.compare.empty")}
                </p>
              )}
            </section>
          )}
          {/* Messages: a bidder talks with the buyer in their bid's thread; anyone else asks the
              buyer a question, and the buyer reads the questions (messages feature). */}
          {!isBuyer && shownOwn ? (
            <ThreadPanel subject={{ type: "bid", id: shownOwn.id }} />
          ) : (
            <ThreadPanel subject={{ type: "task", id: task.id }} ownerId={task.buyerId} />
          )}
        </div>
      </div>
    </article>
  );
}

function OwnBid({
  bid,
  canWithdraw,
  onDone,
}: {
  bid: Bid;
  canWithdraw: boolean;
  onDone(): Promise<unknown>;
}) {
  const { t, money } = useI18n();
  const withdraw = useMutation({
    mutationFn: () => api.post<{ bid: Bid }>(`/bids/${encodeURIComponent(bid.id)}/withdraw`, {}),
    onSuccess: () => onDone(),
  });
  return (
    <Card as="section" aria-labelledby="own-bid" data-testid="own-bid">
      <div className={styles.compare__head}>
        <h2 id="own-bid">{t("tenders.own.title")}</h2>
        <Badge tone={bid.status === "accepted" ? "success" : bid.status === "declined" ? "muted" : "brand"}>
          {t(bidStatusKey[bid.status])}
        </Badge>
      </div>
      <p>
        <strong className={styles.compare__price}>{money(bid.amountMinor)}</strong>{" "}
        <span className={shared.muted}>{t("tenders.compare.daysValue", { count: bid.days })}</span>
      </p>
      <ol className={styles.compare__ms}>
        {bid.milestones.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a bid's milestones are positional.
          <li key={i}>
            <span>{m.title}</span> <strong>{money(m.amountMinor)}</strong>
          </li>
        ))}
      </ol>
      <p className={shared.prose}>{bid.proposal}</p>
      {canWithdraw && (
        <Button variant="secondary" size="sm" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
          {t("tenders.own.withdraw")}
        </Button>
      )}
      {withdraw.isError && <Notice tone="error">{tenderErrorText(t, withdraw.error)}</Notice>}
    </Card>
  );
}
