// Operators: withdrawals waiting for review. Approve (the payout provider then pays, or fails and
// the money returns) or reject (the money returns at once). Nobody approves their own withdrawal.
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import type { Withdrawal } from "../../../../../contracts/wallet.ts";
import { useApi } from "../../../api/useApi.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { FormMessage, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { formErrorText, newIdempotencyKey } from "../../../lib/errors.ts";
import { destinationKey, withdrawalStatusKey, withdrawalTone } from "../../wallet/wallet-labels.ts";

type Status = Withdrawal["status"];
const statuses: Status[] = ["pending", "approved", "paid", "failed", "rejected"];

export function OperatorWithdrawalsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("ops.withdrawals.title"));
  return <RequireAuth operator>{() => <Queue />}</RequireAuth>;
}

function Queue() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>("pending");
  const list = useApi(
    (signal) =>
      api.get<{ items: Withdrawal[]; nextCursor: string | null }>("/admin/withdrawals", {
        signal,
        query: { status, limit: 50 },
      }),
    [status],
  );
  return (
    <div className="container page">
      <header className="page__header">
        <p className="eyebrow">{t("ops.eyebrow")}</p>
        <h1>{t("ops.withdrawals.title")}</h1>
        <p className="page__lead">{t("ops.withdrawals.lead")}</p>
      </header>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t("ops.filter")}</legend>
        {statuses.map((s) => (
          <label key={s} className={s === status ? "segmented__item is-active" : "segmented__item"}>
            <input
              type="radio"
              name="status"
              value={s}
              checked={s === status}
              onChange={() => setStatus(s)}
              className="visually-hidden"
            />
            {t(withdrawalStatusKey[s] ?? "wallet.kind.other")}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="withdrawal-queue-title" aria-busy={list.status === "loading"}>
        <h2 id="withdrawal-queue-title" className="visually-hidden">
          {t(withdrawalStatusKey[status] ?? "wallet.kind.other")}
        </h2>
        {list.status === "loading" && (
          <p className="notice" role="status">
            {t("form.loading")}
          </p>
        )}
        {list.status === "error" && (
          <div className="notice notice--error" role="alert">
            <Icon name="alert" size={22} />
            <p>{formErrorText(t, list.error)}</p>
            <Button variant="secondary" size="sm" onClick={list.retry}>
              {t("form.retry")}
            </Button>
          </div>
        )}
        {list.status === "ready" &&
          (list.data.items.length === 0 ? (
            <p className="empty">
              {status === "pending" ? t("ops.withdrawals.empty") : t("ops.emptyFilter")}
            </p>
          ) : (
            <ul className="review-list">
              {list.data.items.map((w) => (
                <ReviewItem key={w.id} item={w} />
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}

function ReviewItem({ item: initial }: { item: Withdrawal }) {
  const { t, money, locale } = useI18n();
  const [item, setItem] = useState(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const keys = useRef<Record<string, string>>({});
  const titleId = `withdrawal-${item.id}`;
  // The decision buttons go away: keep the keyboard focus on this item (its heading).
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function decide(decision: "approve" | "reject", reason?: string) {
    setBusy(true);
    setError(undefined);
    const body = decision === "reject" ? (reason ? { reason } : {}) : undefined;
    const signature = `${decision}:${reason ?? ""}`;
    keys.current[signature] ??= newIdempotencyKey();
    try {
      const result = await api.post<{ withdrawal: Withdrawal }>(
        `/admin/withdrawals/${encodeURIComponent(item.id)}/${decision}`,
        body,
        { idempotencyKey: keys.current[signature] },
      );
      setItem(result.withdrawal);
      setRejecting(false);
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (cause) {
      setError(isApiError(cause, "forbidden") ? t("ops.withdrawals.ownForbidden") : formErrorText(t, cause));
    } finally {
      setBusy(false);
    }
  }

  function submitReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    void decide("reject", reason || undefined);
  }

  return (
    <Card as="li" className="review" aria-labelledby={titleId}>
      <div className="review__head">
        <h3 id={titleId} className="review__title" ref={headingRef} tabIndex={-1}>
          {money(item.amountMinor)}
          <span className="review__kind">{t(destinationKey[item.destination.method])}</span>
        </h3>
        <span className={`badge badge--${withdrawalTone(item.status)}`}>
          {t(withdrawalStatusKey[item.status] ?? "wallet.kind.other")}
        </span>
      </div>
      <dl className="details">
        <div>
          <dt>{t("ops.withdrawals.destination")}</dt>
          <dd className="mono">{item.destination.account}</dd>
        </div>
        <div>
          <dt>{t("ops.withdrawals.requestedAt")}</dt>
          <dd>{formatDateTime(item.createdAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("ops.account")}</dt>
          <dd>
            <Link to={`/users/${item.accountId}`}>{t("ops.viewProfile")}</Link>
          </dd>
        </div>
        {item.failureReason && (
          <div>
            <dt>{t("ops.verify.reason")}</dt>
            <dd>{item.failureReason}</dd>
          </div>
        )}
      </dl>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {item.status === "pending" &&
        (rejecting ? (
          <form className="form" noValidate onSubmit={submitReject} aria-busy={busy}>
            <TextField
              id={`reason-${item.id}`}
              name="reason"
              label={t("ops.withdrawals.reason")}
              maxLength={500}
              autoComplete="off"
            />
            <div className="button-row">
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("ops.withdrawals.confirmReject")}
              </Button>
              <Button variant="ghost" onClick={() => setRejecting(false)} disabled={busy}>
                {t("form.cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <div className="button-row">
            <Button onClick={() => decide("approve")} disabled={busy} aria-describedby={titleId}>
              {busy ? t("form.saving") : t("ops.approve")}
            </Button>
            <Button
              variant="secondary"
              onClick={() => setRejecting(true)}
              disabled={busy}
              aria-describedby={titleId}
            >
              {t("ops.reject")}
            </Button>
          </div>
        ))}
    </Card>
  );
}
