// "My pieces": a provider's own pieces on the task with their status — paid (and what reached
// their wallet), waiting, or not accepted with the buyer's reason.
import { type ReactNode, useId } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { emptyClass } from "../../../components/ListKit.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { type Entry, netOfFee, type PieceworkTask } from "../api.ts";
import styles from "../piecework.module.css";
import { PieceWork } from "./PieceBits.tsx";

export function MyPieces({ task, pieces }: { task: PieceworkTask; pieces: Entry[] }) {
  const { t, locale, money } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} id="my-pieces" data-testid="my-pieces">
      <h2 id={`${id}-title`} className={styles["section-title"]}>
        {t("piecework.mine.title")}
      </h2>
      {pieces.length === 0 ? (
        <p className={emptyClass}>{t("piecework.mine.empty")}</p>
      ) : (
        <ol className={styles.pieces}>
          {pieces.map((piece) => (
            <PieceItem
              key={piece.id}
              piece={piece}
              head={t("piecework.mine.sentAt", { time: formatDateTime(piece.submittedAt, locale) })}
              badge={
                piece.status === "paid" ? (
                  <Badge tone="success">{t("piecework.mine.paid", { amount: money(netOfFee(task)) })}</Badge>
                ) : piece.status === "rejected" ? (
                  <Badge tone="danger">{t("piecework.mine.rejected")}</Badge>
                ) : (
                  <Badge tone="accent">{t("piecework.mine.waiting")}</Badge>
                )
              }
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The buyer's decided pieces (paid, not accepted), under the queue. */
export function DecidedPieces({ pieces }: { pieces: Entry[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  if (pieces.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles["section-title"]}>
        {t("piecework.review.decided")}
      </h2>
      <ol className={styles.pieces}>
        {pieces.map((piece) => (
          <PieceItem
            key={piece.id}
            piece={piece}
            head={t("piecework.review.by", {
              name: piece.provider.displayName,
              time: formatDateTime(piece.submittedAt, locale),
            })}
            badge={
              piece.status === "paid" ? (
                <Badge tone="success">{t("piecework.review.paid")}</Badge>
              ) : (
                <Badge tone="danger">{t("piecework.mine.rejected")}</Badge>
              )
            }
          />
        ))}
      </ol>
    </section>
  );
}

/** One piece in a list: who/when and its status, the work, and the buyer's reason if not accepted. */
function PieceItem({ piece, head, badge }: { piece: Entry; head: string; badge: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={styles.piece}>
      <div className={styles.piece__head}>
        <span>{head}</span>
        {badge}
      </div>
      <PieceWork entry={piece} className={styles.piece__text} />
      {piece.rejection && (
        <p className={styles.piece__reason}>
          {t("piecework.mine.reason", { reason: piece.rejection.reason })}
        </p>
      )}
    </li>
  );
}
