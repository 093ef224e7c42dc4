// The milestones of a bid: rows of a title and an amount in yuan, added and removed (1–10), with a
// live sum against the bid's amount ("¥2,000 of ¥5,000 planned — ¥3,000 left"), said politely to
// screen readers as it changes. The parent holds the rows; amounts are parsed to fen on the fly.
import { useId } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, IconButton } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { FieldError, FieldHint, inputClass, moneyClass, unitClass } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { parseYuan } from "../../../lib/parse-money.ts";
import { MAX_MILESTONES } from "../api.ts";
import styles from "../tenders.module.css";

export type MilestoneRow = { key: number; title: string; amount: string };
export type RowErrors = { title?: string; amount?: string }[];

let nextKey = 1;
export function newRow(title = "", amount = ""): MilestoneRow {
  nextKey += 1;
  return { key: nextKey, title, amount };
}

/** The sum of the rows in fen, or null while an amount is not a valid one. */
export function rowsSum(rows: MilestoneRow[]): number | null {
  let sum = 0;
  for (const row of rows) {
    const minor = parseYuan(row.amount);
    if (minor === null || minor <= 0) return null;
    sum += minor;
  }
  return sum;
}

export function MilestoneEditor({
  rows,
  onChange,
  totalMinor,
  errors,
  sumError,
}: {
  rows: MilestoneRow[];
  onChange(rows: MilestoneRow[]): void;
  /** The bid's amount in fen (null while it is not valid). */
  totalMinor: number | null;
  errors?: RowErrors;
  sumError?: string;
}) {
  const { t, money } = useI18n();
  const id = useId();
  const sum = rowsSum(rows);
  const diff = sum !== null && totalMinor !== null ? totalMinor - sum : null;
  const update = (key: number, change: Partial<MilestoneRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset className={styles.milestones} aria-describedby={`${id}-hint ${id}-sum`}>
      <legend>{t("tenders.bid.milestones")}</legend>
      <FieldHint id={`${id}-hint`}>{t("tenders.bid.milestonesHint", { max: MAX_MILESTONES })}</FieldHint>
      <ol className={styles.milestones__list}>
        {rows.map((row, index) => {
          const error = errors?.[index];
          const titleId = `${id}-t-${row.key}`;
          const amountId = `${id}-a-${row.key}`;
          return (
            <li key={row.key} className={styles.milestones__row} data-testid="milestone-row">
              <span className={styles.milestones__n} aria-hidden="true">
                {index + 1}
              </span>
              <div className={styles.milestones__title}>
                <label htmlFor={titleId} className="visually-hidden">
                  {t("tenders.bid.msTitle", { n: index + 1 })}
                </label>
                <input
                  id={titleId}
                  className={inputClass}
                  placeholder={t("tenders.bid.msTitlePlaceholder")}
                  maxLength={120}
                  value={row.title}
                  aria-invalid={error?.title ? true : undefined}
                  aria-describedby={error?.title ? `${titleId}-error` : undefined}
                  onChange={(e) => update(row.key, { title: e.target.value })}
                />
              </div>
              <div className={styles.milestones__amount}>
                <label htmlFor={amountId} className="visually-hidden">
                  {t("tenders.bid.msAmount", { n: index + 1 })}
                </label>
                <div className={moneyClass}>
                  <span aria-hidden="true">¥</span>
                  <input
                    id={amountId}
                    inputMode="decimal"
                    autoComplete="off"
                    value={row.amount}
                    aria-invalid={error?.amount ? true : undefined}
                    aria-describedby={error?.amount ? `${amountId}-error` : undefined}
                    onChange={(e) => update(row.key, { amount: e.target.value })}
                  />
                  <span className={unitClass}>{t("money.yuan")}</span>
                </div>
              </div>
              {rows.length > 1 && (
                <IconButton
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                  aria-label={t("tenders.bid.msRemove", { n: index + 1 })}
                >
                  <Icon name="close" size={18} />
                </IconButton>
              )}
              {(error?.title || error?.amount) && (
                <div className={styles.milestones__error}>
                  {error.title && <FieldError id={`${titleId}-error`}>{error.title}</FieldError>}
                  {error.amount && <FieldError id={`${amountId}-error`}>{error.amount}</FieldError>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className={styles.milestones__foot}>
        {rows.length < MAX_MILESTONES && (
          <Button variant="secondary" size="sm" onClick={() => onChange([...rows, newRow()])}>
            <Icon name="plus" size={16} />
            {t("tenders.bid.msAdd")}
          </Button>
        )}
        <p
          id={`${id}-sum`}
          aria-live="polite"
          data-testid="milestone-sum"
          className={cx(
            styles.milestones__sum,
            diff !== null && diff !== 0 && styles["milestones__sum--off"],
          )}
        >
          {sum === null
            ? t("tenders.bid.sumUnknown")
            : totalMinor === null
              ? t("tenders.bid.sumOnly", { sum: money(sum) })
              : diff === 0
                ? t("tenders.bid.sumOk", { sum: money(sum) })
                : diff !== null && diff > 0
                  ? t("tenders.bid.sumLeft", { sum: money(sum), total: money(totalMinor), diff: money(diff) })
                  : t("tenders.bid.sumOver", {
                      sum: money(sum),
                      total: money(totalMinor),
                      diff: money(Math.abs(diff ?? 0)),
                    })}
        </p>
      </div>
      {sumError && <FieldError id={`${id}-sum-error`}>{sumError}</FieldError>}
    </fieldset>
  );
}
