// The operators' review page and card, once for every queue: a status filter, the list from the
// query cache, and per item its facts, approve, or reject with a reason (required or optional).
// After a decision the buttons go away and the focus stays on the item (its heading).
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, formClass, TextAreaField } from "../../../components/Field.tsx";
import page from "../../../components/Page.module.css";
import { errorText } from "../../../lib/errors.ts";
import styles from "../admin.module.css";
import { type Decision, type QueueName, queueQuery, useDecide } from "../api.ts";

type Item = { id: string; status: string };

export function ReviewQueue<T extends Item>({
  queue,
  title,
  lead,
  statuses,
  statusLabel,
  empty,
  children,
}: {
  queue: QueueName;
  title: string;
  lead: string;
  statuses: readonly string[];
  statusLabel(status: string): string;
  /** Said when the pending queue is empty. */
  empty: string;
  children(item: T): ReactNode;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState(statuses[0] ?? "pending");
  const list = useQuery(queueQuery(queue, status));
  return (
    <div className={cx("container", page.page)}>
      <header className={page.header}>
        <p className="eyebrow">{t("ops.eyebrow")}</p>
        <h1>{title}</h1>
        <p className={page.lead}>{lead}</p>
      </header>
      <fieldset className={page.segmented}>
        <legend className="visually-hidden">{t("ops.filter")}</legend>
        {statuses.map((s) => (
          <label key={s} className={page.segment}>
            <input
              type="radio"
              name="status"
              value={s}
              checked={s === status}
              onChange={() => setStatus(s)}
              className="visually-hidden"
            />
            {statusLabel(s)}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby={`${queue}-queue-title`} aria-busy={list.isPending}>
        <h2 id={`${queue}-queue-title`} className="visually-hidden">
          {statusLabel(status)}
        </h2>
        <AsyncView
          query={list}
          isEmpty={(data) => data.items.length === 0}
          empty={status === "pending" ? empty : t("ops.emptyFilter")}
        >
          {(data) => (
            <ul className={styles.list}>
              {data.items.map((item) => (
                <li key={item.id}>{children(item as unknown as T)}</li>
              ))}
            </ul>
          )}
        </AsyncView>
      </section>
    </div>
  );
}

export function ReviewCard<T extends Item>({
  queue,
  item,
  title,
  kind,
  badge,
  details,
  reason,
  forbiddenText,
}: {
  queue: QueueName;
  item: T;
  title(item: T): ReactNode;
  kind(item: T): ReactNode;
  badge(item: T): { tone: BadgeTone; label: string };
  /** The facts as <div><dt/><dd/></div> rows. */
  details(item: T): ReactNode;
  reason: { label: MessageKey; hint?: MessageKey; required?: MessageKey; confirm: MessageKey };
  /** What to say for a 403 (an operator's own withdrawal). */
  forbiddenText?: string;
}) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<string>();
  const decide = useDecide(queue, item.id);
  const titleId = `review-${item.id}`;
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function send(decision: Decision) {
    setError(undefined);
    try {
      await decide.mutateAsync(decision);
      setRejecting(false);
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (cause) {
      const forbidden = cause instanceof Error && "code" in cause && cause.code === "forbidden";
      setError(forbidden && forbiddenText ? forbiddenText : errorText(t, cause));
    }
  }

  function submitReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!text && reason.required) {
      setReasonError(t(reason.required));
      event.currentTarget.querySelector("textarea")?.focus();
      return;
    }
    setReasonError(undefined);
    void send({ decision: "reject", reason: text || undefined });
  }

  const busy = decide.isPending;
  const { tone, label } = badge(item);
  return (
    <Card as="article" aria-labelledby={titleId}>
      <div className={styles.head}>
        <h3 id={titleId} className={styles.title} ref={headingRef} tabIndex={-1}>
          {title(item)}
          <span className={styles.kind}>{kind(item)}</span>
        </h3>
        <Badge tone={tone}>{label}</Badge>
      </div>
      <dl className={page.details}>{details(item)}</dl>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {item.status === "pending" &&
        (rejecting ? (
          <form className={formClass} noValidate onSubmit={submitReject} aria-busy={busy}>
            <TextAreaField
              id={`reason-${item.id}`}
              name="reason"
              label={t(reason.label)}
              hint={reason.hint ? t(reason.hint) : undefined}
              maxLength={500}
              rows={3}
              error={reasonError}
              autoFocus
            />
            <div className="button-row">
              <Button type="submit" variant="secondary" disabled={busy}>
                {t(reason.confirm)}
              </Button>
              <Button variant="ghost" onClick={() => setRejecting(false)} disabled={busy}>
                {t("form.cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <div className="button-row">
            <Button onClick={() => send({ decision: "approve" })} disabled={busy} aria-describedby={titleId}>
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
