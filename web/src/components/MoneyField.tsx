// An amount in yuan, typed as people write it ("1,500", "99.5"), turned into integer fen with the
// shared parse (lib/parse-money.ts): ¥ before, 元 after, the kit's label, hint and error.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useI18n } from "../app/i18n/I18nProvider.tsx";
import { parseYuan } from "../lib/parse-money.ts";
import { cx } from "./cx.ts";
import styles from "./Field.module.css";
import { Field } from "./Field.tsx";

type Props = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  /** The text as typed, and its amount in fen (null while it is not a valid amount). */
  onChange(text: string, minor: number | null): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

export function MoneyField({ id, label, hint, error, value, onChange, ...input }: Props) {
  const { t } = useI18n();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {({ className: inputClass, ...props }) => (
        <div className={cx(inputClass, styles.money)}>
          <span aria-hidden="true">¥</span>
          <input
            name={id}
            inputMode="decimal"
            autoComplete="off"
            {...props}
            {...input}
            value={value}
            onChange={(e) => onChange(e.target.value, parseYuan(e.target.value))}
          />
          <span className={styles.unit}>{t("money.yuan")}</span>
        </div>
      )}
    </Field>
  );
}
