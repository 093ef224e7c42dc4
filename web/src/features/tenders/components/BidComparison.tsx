// The buyer's bid comparison: every active bid side by side — price, days, milestones, proposal,
// the provider's profile — sortable, a table on wide screens and one card per bid on a phone (the
// same table, laid out by CSS: each cell says its column). Hiring a bid funds its first milestone
// (Idempotency-Key); when the wallet is short (402) the top-up step appears and the hire is retried
// once the money has arrived. The order page opens after the hire.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { useNavigate } from "../../../app/router.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { useIdempotencyKey } from "../../../lib/idempotency.ts";
import { TopUpStep } from "../../contests/components/TopUpStep.tsx";
import { type Order, shortOf } from "../../orders/api.ts";
import { PersonLink } from "../../orders/components/OrderBits.tsx";
import shared from "../../orders/orders.module.css";
import { type Bid, tenderErrorText } from "../api.ts";
import styles from "../tenders.module.css";
import { bidStatusKey } from "./TenderBits.tsx";

type Sort = "price" | "days" | "newest";

export function BidComparison({
  bids,
  canHire,
  onHired,
}: {
  bids: Bid[];
  canHire: boolean;
  onHired(): Promise<unknown>;
}) {
  const { t, money } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const [sort, setSort] = useState<Sort>("price");
  const [short, setShort] = useState<{ bid: Bid; minor: number } | null>(null);
  const key = useIdempotencyKey();
  const hire = useMutation({
    mutationFn: (bid: Bid) =>
      api.post<{ order: Order }>(
        `/bids/${encodeURIComponent(bid.id)}/accept`,
        {},
        {
          idempotencyKey: key.keyFor({ bid: bid.id }),
        },
      ),
  });

  async function run(bid: Bid) {
    setShort(null);
    try {
      const { order } = await hire.mutateAsync(bid);
      key.reset();
      await onHired();
      navigate(`/orders/${order.id}`);
    } catch (error) {
      if (isApiError(error, "insufficient_funds")) {
        // Nothing changed: the retry after the top-up is a new request.
        key.reset();
        setShort({ bid, minor: shortOf(error, bid.milestones[0]?.amountMinor ?? bid.amountMinor) ?? 0 });
      }
    }
  }

  const active = bids.filter((b) => b.status !== "withdrawn");
  const sorted = [...active].sort((a, b) =>
    sort === "price"
      ? a.amountMinor - b.amountMinor
      : sort === "days"
        ? a.days - b.days
        : b.createdAt.localeCompare(a.createdAt),
  );
  const lowest = Math.min(...active.map((b) => b.amountMinor));
  const fastest = Math.min(...active.map((b) => b.days));

  return (
    <section aria-labelledby={`${id}-title`} className={styles.compare} data-testid="bid-comparison">
      <div className={styles.compare__head}>
        <h2 id={`${id}-title`}>{t("tenders.compare.title", { count: active.length })}</h2>
        {active.length > 1 && (
          <SelectField
            id={`${id}-sort`}
            label={t("tenders.compare.sort")}
            value={sort}
            onChange={(e) => setSort(e.target.value as Sort)}
          >
            <option value="price">{t("tenders.compare.sortPrice")}</option>
            <option value="days">{t("tenders.compare.sortDays")}</option>
            <option value="newest">{t("tenders.compare.sortNewest")}</option>
          </SelectField>
        )}
      </div>
      {short && (
        <TopUpStep
          shortMinor={short.minor}
          body={t("orders.topup.body", { amount: money(short.minor) })}
          onPaid={() => {
            const bid = short.bid;
            setShort(null);
            void run(bid);
          }}
        />
      )}
      {hire.isError && !isApiError(hire.error, "insufficient_funds") && (
        <Notice tone="error">{tenderErrorText(t, hire.error)}</Notice>
      )}
      <table className={styles.compare__table}>
        <caption className="visually-hidden">{t("tenders.compare.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tenders.compare.provider")}</th>
            <th scope="col">{t("tenders.compare.price")}</th>
            <th scope="col">{t("tenders.compare.days")}</th>
            <th scope="col">{t("tenders.compare.milestones")}</th>
            <th scope="col">{t("tenders.compare.proposal")}</th>
            {canHire && <th scope="col">{t("tenders.compare.action")}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((bid) => (
            <tr key={bid.id} data-testid="bid-row">
              <th scope="row" data-label={t("tenders.compare.provider")}>
                <PersonLink id={bid.providerId} person={bid.provider} />
                {bid.status !== "submitted" && (
                  <Badge tone={bid.status === "accepted" ? "success" : "muted"}>
                    {t(bidStatusKey[bid.status])}
                  </Badge>
                )}
              </th>
              <td data-label={t("tenders.compare.price")}>
                <strong className={styles.compare__price}>
                  {money(bid.amountMinor, { trimWholeFen: true })}
                </strong>
                {active.length > 1 && bid.amountMinor === lowest && (
                  <Badge tone="success">{t("tenders.compare.lowest")}</Badge>
                )}
              </td>
              <td data-label={t("tenders.compare.days")}>
                {t("tenders.compare.daysValue", { count: bid.days })}
                {active.length > 1 && bid.days === fastest && (
                  <Badge tone="brand">{t("tenders.compare.fastest")}</Badge>
                )}
              </td>
              <td data-label={t("tenders.compare.milestones")}>
                <ol className={styles.compare__ms}>
                  {bid.milestones.map((m, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a bid's milestones are positional.
                    <li key={i}>
                      <span>{m.title}</span> <strong>{money(m.amountMinor, { trimWholeFen: true })}</strong>
                    </li>
                  ))}
                </ol>
              </td>
              <td data-label={t("tenders.compare.proposal")}>
                <p className={styles.compare__proposal}>{bid.proposal}</p>
              </td>
              {canHire && (
                <td data-label={t("tenders.compare.action")}>
                  {bid.status === "submitted" && (
                    <Button
                      variant="accent"
                      size="sm"
                      onClick={() => void run(bid)}
                      disabled={hire.isPending}
                      aria-label={t("tenders.compare.hireWho", {
                        name: bid.provider?.displayName ?? "",
                        amount: money(bid.amountMinor, { trimWholeFen: true }),
                      })}
                    >
                      {t("tenders.compare.hire")}
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canHire && <p className={shared.muted}>{t("tenders.compare.hireNote")}</p>}
    </section>
  );
}
