// Small pieces of the piece-rate pages: the status badge, the progress bar (paid / quantity), the
// error wording, and a piece's text and thumbnails.

import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { type ErrorOverrides, errorText } from "../../../lib/errors.ts";
import type { Entry, PieceworkTask, TaskStatus } from "../api.ts";
import styles from "../piecework.module.css";

const STATUS: Partial<Record<TaskStatus, [MessageKey, BadgeTone]>> = {
  open: ["piecework.status.open", "success"],
  selecting: ["piecework.status.selecting", "accent"],
  completed: ["piecework.status.completed", "muted"],
  refunded: ["piecework.status.refunded", "muted"],
  cancelled: ["piecework.status.cancelled", "muted"],
};

export function PieceworkStatus({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  const [key, tone] = STATUS[status] ?? ["piecework.status.open", "muted"];
  return <Badge tone={tone}>{t(key)}</Badge>;
}

/** Paid pieces of the quantity, as a real progress bar for assistive technology. */
export function Progress({ task, id }: { task: PieceworkTask; id: string }) {
  const { t } = useI18n();
  const { paid, waiting, rejected } = task.pieces;
  const text = t("piecework.page.progress", { paid, quantity: task.quantity });
  return (
    <div className={styles.progress}>
      <span id={`${id}-label`} className="visually-hidden">
        {t("piecework.page.progressLabel")}
      </span>
      <div
        className={styles.progress__bar}
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={task.quantity}
        aria-valuenow={paid}
        aria-valuetext={text}
      >
        <div
          className={styles.progress__fill}
          style={{ width: `${(100 * paid) / Math.max(1, task.quantity)}%` }}
        />
      </div>
      <div className={styles.progress__text}>
        <strong>{text}</strong>
        <span className={styles.muted}>
          {t("piecework.page.waiting", { count: waiting })}
          {rejected > 0 && ` · ${t("piecework.page.rejectedCount", { count: rejected })}`}
        </span>
      </div>
    </div>
  );
}

const errors: ErrorOverrides = {
  unauthenticated: "piecework.error.signIn",
  forbidden: "piecework.error.forbidden",
  not_found: "piecework.error.notFound",
  insufficient_funds: "piecework.error.funds",
  invalid_transition: "piecework.error.transition",
  conflict: "piecework.error.conflict",
  invalid_input: "piecework.error.invalid",
  rate_limited: "piecework.error.rateLimited",
};

export function pieceworkErrorText(t: ReturnType<typeof useI18n>["t"], error: unknown): string {
  return errorText(t, error, errors);
}

/** A piece's work: its text (or a note that it has only attachments) and its thumbnails. */
export function PieceWork({ entry, className }: { entry: Entry; className?: string }) {
  const { t } = useI18n();
  const images = entry.files.filter((f) => f.thumbnailUrl);
  const others = entry.files.filter((f) => !f.thumbnailUrl);
  return (
    <>
      <p className={className}>{entry.text ?? t("piecework.review.noText")}</p>
      {images.length > 0 && (
        <div className={styles.thumbs}>
          {images.map((f) => (
            <a key={f.id} href={f.originalUrl ?? f.previewUrl ?? undefined} target="_blank" rel="noreferrer">
              <img src={f.thumbnailUrl ?? undefined} alt={f.name} width={96} height={96} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {others.map((f) => (
        <a key={f.id} href={f.originalUrl ?? undefined} className={styles.small}>
          {f.name}
        </a>
      ))}
    </>
  );
}
