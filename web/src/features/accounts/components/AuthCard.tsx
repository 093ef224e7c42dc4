// The card of the sign-up and log-in pages, and the fields they (and settings) share.
import type { ReactNode } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../../../contracts/accounts.ts";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import styles from "../accounts.module.css";

export function AuthCard({
  id,
  title,
  lead,
  switchText,
  switchTo,
  switchLabel,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  /** "Already have an account?" and the link to the other page (keeping ?next=). */
  switchText: string;
  switchTo: string;
  switchLabel: string;
  children: ReactNode;
}) {
  return (
    <section className={cx("container", styles["auth-page"])} aria-labelledby={id}>
      <Card tone="raised" className={styles["auth-card"]}>
        <h1 id={id}>{title}</h1>
        <p className={styles["auth-card__lead"]}>{lead}</p>
        {children}
        <p className={styles["auth-card__switch"]}>
          {switchText} <Link to={switchTo}>{switchLabel}</Link>
        </p>
      </Card>
    </section>
  );
}

/** "?next=…" carried from one account page to the other. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function EmailField({ error }: { error?: string }) {
  const { t } = useI18n();
  return (
    <TextField
      id="email"
      type="email"
      label={t("auth.field.email")}
      autoComplete="email"
      inputMode="email"
      required
      error={error}
    />
  );
}

/** A password: new ones say how long they must be, current ones do not. */
export function PasswordField({
  id,
  label,
  fresh,
  error,
}: {
  id: string;
  label?: string;
  /** A new password (sign-up, change): its rule as the hint, and the browser may suggest one. */
  fresh?: boolean;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <TextField
      id={id}
      type="password"
      label={label ?? t("auth.field.password")}
      hint={fresh ? t("auth.field.passwordHint", { min: PASSWORD_MIN_LENGTH }) : undefined}
      autoComplete={fresh ? "new-password" : "current-password"}
      required
      error={error}
    />
  );
}

/** The account's language: 简体中文 or English, each named in its own language. */
export function LanguageField({ id, value }: { id: string; value: string }) {
  const { t } = useI18n();
  return (
    <SelectField id={id} label={t("auth.field.language")} defaultValue={value} key={value}>
      <option value="zh-CN" lang="zh-CN">
        简体中文
      </option>
      <option value="en" lang="en">
        English
      </option>
    </SelectField>
  );
}
