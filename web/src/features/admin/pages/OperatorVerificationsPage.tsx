// Operators: the identity verification queue, oldest first. Approve, or reject with a reason the
// owner sees. The provider's check result is shown as evidence (match / mismatch / invalid number).
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import type { IdentityVerification } from "../../../../../contracts/accounts.ts";
import { useApi } from "../../../api/useApi.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { FormMessage, TextAreaField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { formErrorText } from "../../../lib/errors.ts";

type Status = IdentityVerification["status"];
const statuses: Status[] = ["pending", "approved", "rejected"];
const statusKey: Record<Status, MessageKey> = {
  pending: "ops.verify.status.pending",
  approved: "ops.verify.status.approved",
  rejected: "ops.verify.status.rejected",
};
const resultKey: Record<IdentityVerification["providerResult"], MessageKey> = {
  match: "ops.verify.result.match",
  mismatch: "ops.verify.result.mismatch",
  invalid: "ops.verify.result.invalid",
};

type Page = { items: IdentityVerification[]; nextCursor: string | null };

export function OperatorVerificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("ops.verify.title"));
  return <RequireAuth operator>{() => <Queue />}</RequireAuth>;
}

function Queue() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>("pending");
  const queue = useApi(
    (signal) => api.get<Page>("/admin/verifications", { signal, query: { status, limit: 50 } }),
    [status],
  );
  return (
    <div className="container page">
      <header className="page__header">
        <p className="eyebrow">{t("ops.eyebrow")}</p>
        <h1>{t("ops.verify.title")}</h1>
        <p className="page__lead">{t("ops.verify.lead")}</p>
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
            {t(statusKey[s])}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="queue-title" aria-busy={queue.status === "loading"}>
        <h2 id="queue-title" className="visually-hidden">
          {t(statusKey[status])}
        </h2>
        {queue.status === "loading" && (
          <p className="notice" role="status">
            {t("form.loading")}
          </p>
        )}
        {queue.status === "error" && (
          <div className="notice notice--error" role="alert">
            <Icon name="alert" size={22} />
            <p>{formErrorText(t, queue.error)}</p>
            <Button variant="secondary" size="sm" onClick={queue.retry}>
              {t("form.retry")}
            </Button>
          </div>
        )}
        {queue.status === "ready" &&
          (queue.data.items.length === 0 ? (
            <p className="empty">{status === "pending" ? t("ops.verify.empty") : t("ops.emptyFilter")}</p>
          ) : (
            <ul className="review-list">
              {queue.data.items.map((item) => (
                <ReviewItem key={item.id} item={item} />
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}

function ReviewItem({ item: initial }: { item: IdentityVerification }) {
  const { t, locale } = useI18n();
  const [item, setItem] = useState(initial);
  const [rejecting, setRejecting] = useState(false);
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const titleId = `review-${item.id}`;
  // The decision buttons go away: keep the keyboard focus on this item (its heading).
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function decide(decision: "approve" | "reject", reason?: string) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<{ verification: IdentityVerification }>(
        `/admin/verifications/${encodeURIComponent(item.id)}/${decision}`,
        decision === "reject" ? { reason } : undefined,
      );
      setItem(result.verification);
      setRejecting(false);
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (cause) {
      setError(formErrorText(t, cause));
    } finally {
      setBusy(false);
    }
  }

  function submitReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!reason) {
      setReasonError(t("ops.verify.reasonRequired"));
      event.currentTarget.querySelector("textarea")?.focus();
      return;
    }
    setReasonError(undefined);
    void decide("reject", reason);
  }

  const tone = item.providerResult === "match" ? "success" : "danger";
  return (
    <Card as="li" className="review" aria-labelledby={titleId}>
      <div className="review__head">
        <h3 id={titleId} className="review__title" ref={headingRef} tabIndex={-1}>
          {item.legalName}
          <span className="review__kind">
            {item.kind === "person" ? t("ops.verify.kind.person") : t("ops.verify.kind.enterprise")}
          </span>
        </h3>
        <span
          className={`badge badge--${item.status === "approved" ? "success" : item.status === "rejected" ? "danger" : "accent"}`}
        >
          {t(statusKey[item.status])}
        </span>
      </div>
      <dl className="details">
        <div>
          <dt>{t("verify.identity.number")}</dt>
          <dd className="mono">{item.numberMasked}</dd>
        </div>
        <div>
          <dt>{t("ops.verify.provider")}</dt>
          <dd>
            <span className={`badge badge--${tone}`}>{t(resultKey[item.providerResult])}</span>
          </dd>
        </div>
        <div>
          <dt>{t("verify.identity.submittedAt")}</dt>
          <dd>{formatDateTime(item.submittedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("ops.account")}</dt>
          <dd>
            <Link to={`/users/${item.accountId}`}>{t("ops.viewProfile")}</Link>
          </dd>
        </div>
        {item.reason && (
          <div>
            <dt>{t("ops.verify.reason")}</dt>
            <dd>{item.reason}</dd>
          </div>
        )}
      </dl>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {item.status === "pending" &&
        (rejecting ? (
          <form className="form" noValidate onSubmit={submitReject} aria-busy={busy}>
            <TextAreaField
              id={`reason-${item.id}`}
              name="reason"
              label={t("ops.verify.reason")}
              hint={t("ops.verify.reasonHint")}
              maxLength={500}
              rows={3}
              error={reasonError}
              autoFocus
            />
            <div className="button-row">
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("ops.verify.confirmReject")}
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
