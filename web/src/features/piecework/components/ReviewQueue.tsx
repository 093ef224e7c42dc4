// The buyer's fast review queue: the pieces waiting, earliest first, one active at a time. Keys:
// J / ↓ next, K / ↑ previous, A accept (pays at once), R reject (a reason its author reads; Esc
// cancels). Focus follows the active piece, and after a decision moves to the next one waiting;
// a live region says what was done. Each piece's accept keeps one Idempotency-Key, so a retry after
// a lost answer replays instead of paying twice.
import { useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { TextAreaField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { emptyClass } from "../../../components/ListKit.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { acceptPiece, type Entry, type PieceworkTask, rejectPiece, usePieceworkChanged } from "../api.ts";
import styles from "../piecework.module.css";
import { PieceWork, pieceworkErrorText } from "./PieceBits.tsx";

export function ReviewQueue({ task, pieces }: { task: PieceworkTask; pieces: Entry[] }) {
  const { t, locale, money } = useI18n();
  const id = useId();
  const client = useQueryClient();
  const changed = usePieceworkChanged(task.id);
  const waiting = pieces.filter((p) => p.status === "submitted");
  const [activeId, setActiveId] = useState<string | undefined>(waiting[0]?.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [said, setSaid] = useState("");
  const keys = useRef(new Map<string, string>());
  const items = useRef(new Map<string, HTMLLIElement>());
  const focusReason = () => requestAnimationFrame(() => document.getElementById(`${id}-reason`)?.focus());
  // Bumped to move the focus to the active piece (or, the queue empty, to its heading) once the
  // render with the current pieces is done — after a move, and after a decision once the list reloaded.
  const [focusTick, setFocusTick] = useState(0);

  const index = Math.max(
    0,
    waiting.findIndex((p) => p.id === activeId),
  );
  const active = waiting[index];
  // The active piece left the queue (decided here or elsewhere): the one now at its place is active.
  useEffect(() => {
    if (!waiting.some((p) => p.id === activeId))
      setActiveId(waiting[Math.min(index, waiting.length - 1)]?.id);
  }, [waiting, activeId, index]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when asked (focusTick), with the current active piece
  useEffect(() => {
    if (focusTick === 0) return;
    // The queue emptied: focus goes to its heading (which says so below it), not to the page's top.
    if (active) items.current.get(active.id)?.focus();
    else document.getElementById(`${id}-title`)?.focus();
  }, [focusTick]);

  function move(by: number) {
    if (waiting.length === 0) return;
    const next = waiting[Math.min(waiting.length - 1, Math.max(0, index + by))];
    setRejecting(false);
    setError(undefined);
    setActiveId(next?.id);
    setFocusTick((n) => n + 1);
  }

  async function decide(piece: Entry, decision: "accept" | "reject") {
    if (busy) return;
    if (decision === "reject" && !reason.trim()) {
      setReasonError(t("piecework.review.needReason"));
      focusReason();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (decision === "accept") {
        const key = keys.current.get(piece.id) ?? newIdempotencyKey();
        keys.current.set(piece.id, key);
        await acceptPiece(piece.id, key);
      } else {
        await rejectPiece(piece.id, reason.trim());
      }
      setSaid(
        t(decision === "accept" ? "piecework.review.accepted" : "piecework.review.rejected", {
          name: piece.provider.displayName,
        }),
      );
      setRejecting(false);
      setReason("");
      setReasonError(undefined);
      // The next piece waiting takes this one's place; focus goes to it once the list reloads.
      const after = waiting.filter((p) => p.id !== piece.id);
      setActiveId(after[Math.min(index, after.length - 1)]?.id);
      await changed();
      setFocusTick((n) => n + 1);
      await client.invalidateQueries({ queryKey: ["wallet"] });
    } catch (caught) {
      setError(pieceworkErrorText(t, caught));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const target = event.target as HTMLElement;
    if (target.closest("textarea, input, select")) {
      if (event.key === "Escape" && rejecting) {
        setRejecting(false);
        setFocusTick((n) => n + 1);
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === "j" || event.key === "ArrowDown") {
      event.preventDefault();
      move(1);
    } else if (key === "k" || event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (key === "a" && active && task.status !== "completed") {
      event.preventDefault();
      void decide(active, "accept");
    } else if (key === "r" && active) {
      event.preventDefault();
      setRejecting(true);
      focusReason();
    }
  }

  const net = money(task.unitPriceMinor, { trimWholeFen: true });
  return (
    <section className={styles.queue} aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} id="review">
      <div className={styles.queue__bar}>
        <h2 id={`${id}-title`} className={styles["section-title"]} tabIndex={-1}>
          {t("piecework.review.title")}
        </h2>
        {waiting.length > 0 && (
          <span className={styles.muted}>
            {t("piecework.review.position", { index: index + 1, count: waiting.length })}
          </span>
        )}
      </div>
      <p className={styles.queue__help} id={`${id}-help`}>
        {t("piecework.review.help")}
      </p>
      <p role="status" aria-live="polite" className="visually-hidden">
        {said}
      </p>
      {said && (
        <Notice tone="success" compact role="none">
          {said}
        </Notice>
      )}
      {error && (
        <Notice tone="error" compact>
          {error}
        </Notice>
      )}
      {waiting.length === 0 ? (
        <p className={emptyClass}>{t("piecework.review.empty")}</p>
      ) : (
        <ol className={styles.queue__list} aria-describedby={`${id}-help`} data-testid="review-queue">
          {waiting.map((piece, i) => {
            const isActive = piece.id === active?.id;
            return (
              <li
                key={piece.id}
                ref={(el) => {
                  if (el) items.current.set(piece.id, el);
                  else items.current.delete(piece.id);
                }}
                tabIndex={isActive ? 0 : -1}
                aria-current={isActive ? "true" : undefined}
                className={cx(styles.qitem, isActive && styles["qitem--active"])}
                // A click (which focuses it) or Tab makes a piece the active one.
                onFocus={() => {
                  if (!isActive) {
                    setRejecting(false);
                    setActiveId(piece.id);
                  }
                }}
              >
                <div className={styles.piece__head}>
                  <span className="visually-hidden">
                    {t("piecework.review.position", { index: i + 1, count: waiting.length })}
                  </span>
                  <span>
                    {t("piecework.review.by", {
                      name: piece.provider.displayName,
                      time: formatDateTime(piece.submittedAt, locale),
                    })}
                  </span>
                </div>
                <PieceWork entry={piece} className={styles.qitem__text} />
                {isActive && !rejecting && (
                  <div className={styles.qitem__actions}>
                    <Button variant="accent" onClick={() => void decide(piece, "accept")} disabled={busy}>
                      <Icon name="check" size={18} />
                      {t("piecework.review.accept", { amount: net })}
                      <span aria-hidden="true" className={styles.key}>
                        A
                      </span>
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setRejecting(true);
                        focusReason();
                      }}
                      disabled={busy}
                    >
                      {t("piecework.review.reject")}
                      <span aria-hidden="true" className={styles.key}>
                        R
                      </span>
                    </Button>
                  </div>
                )}
                {isActive && rejecting && (
                  <form
                    className={styles["reject-form"]}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void decide(piece, "reject");
                    }}
                  >
                    <TextAreaField
                      id={`${id}-reason`}
                      label={t("piecework.review.reason")}
                      hint={t("piecework.review.reasonHint")}
                      error={reasonError}
                      rows={2}
                      maxLength={1000}
                      value={reason}
                      onChange={(e) => {
                        setReason(e.target.value);
                        setReasonError(undefined);
                      }}
                    />
                    <div className={styles.qitem__actions}>
                      <Button type="submit" variant="primary" disabled={busy}>
                        {t("piecework.review.confirmReject")}
                      </Button>
                      <Button
                        variant="ghost"
                        onClick={() => {
                          setRejecting(false);
                          setFocusTick((n) => n + 1);
                        }}
                      >
                        {t("piecework.review.cancel")}
                      </Button>
                    </div>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
