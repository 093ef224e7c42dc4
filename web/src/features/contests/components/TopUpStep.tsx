// The wallet is short for what a buyer posts (a contest's pool, a piece-rate task's unit × quantity):
// the 402 step of a posting form, shared by the ways of buying that escrow at posting.
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { ChoiceField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { TOP_UP_METHODS, type TopUpMethod, useStartTopUp, useTopUp } from "../../wallet/api.ts";
import { contestErrorText } from "../api.ts";
import styles from "../contests.module.css";

/**
 * The wallet is short: top up (at least) the difference through the payment provider — its pay
 * page opens in a new tab — then follow the top-up (the same hook as the wallet page) until it
 * succeeds and post (the caller's onPaid).
 */
export function TopUpStep({
  shortMinor,
  onPaid,
  body,
}: {
  shortMinor: number;
  onPaid(): void;
  /** What the step says when it is not a posting (hiring a bid, ordering a package, funding a milestone). */
  body?: string;
}) {
  const { t, money } = useI18n();
  const id = useId();
  const [method, setMethod] = useState<TopUpMethod>("alipay");
  const start = useStartTopUp();
  const [startedId, setStartedId] = useState<string>();
  const { topUp } = useTopUp(startedId);
  const payUrl = start.data?.payUrl;

  async function begin() {
    try {
      const created = await start.mutateAsync({ amountMinor: shortMinor, method });
      setStartedId(created.id);
      if (created.payUrl) window.open(created.payUrl, "_blank", "noopener");
    } catch {
      // Shown below from start.error.
    }
  }

  const paid = useRef(false);
  useEffect(() => {
    if (topUp?.status === "succeeded" && !paid.current) {
      paid.current = true;
      onPaid();
    }
  }, [topUp?.status, onPaid]);

  const status = startedId ? (topUp?.status ?? "pending") : undefined;
  return (
    <Card as="section" tone="tinted" className={styles.topup} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.topup__title}>
        <Icon name="alert" size={20} />
        {t("contests.topup.title")}
      </h2>
      <p>{body ?? t("contests.topup.body", { amount: money(shortMinor) })}</p>
      {!status && (
        <>
          <ChoiceField<TopUpMethod>
            name={`${id}-method`}
            legend={t("contests.topup.method")}
            value={method}
            onChange={setMethod}
            options={TOP_UP_METHODS.map((m) => ({ value: m, label: t(`contests.topup.${m}`) }))}
          />
          <div className="button-row">
            <Button variant="primary" onClick={begin} disabled={start.isPending}>
              {t("contests.topup.action", { amount: money(shortMinor) })}
            </Button>
            <Link to="/wallet" className={styles.topup__wallet}>
              {t("contests.topup.wallet")}
            </Link>
          </div>
        </>
      )}
      {status === "pending" && (
        <div role="status" className={styles.topup__pending}>
          <p>{t("contests.topup.pending")}</p>
          {payUrl && (
            <a href={payUrl} target="_blank" rel="noreferrer">
              {t("contests.topup.openAgain")}
            </a>
          )}
        </div>
      )}
      {status === "succeeded" && (
        <Notice tone="success" role="status" compact>
          {t("contests.topup.done")}
        </Notice>
      )}
      {status === "failed" && (
        <Notice
          tone="error"
          compact
          action={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setStartedId(undefined);
                start.reset();
              }}
            >
              {t("contests.retry")}
            </Button>
          }
        >
          {t("contests.topup.failed")}
        </Notice>
      )}
      {start.isError && (
        <Notice tone="error" compact>
          {contestErrorText(t, start.error)}
        </Notice>
      )}
    </Card>
  );
}
