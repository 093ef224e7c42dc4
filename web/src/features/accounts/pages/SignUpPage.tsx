// Sign-up: display name, e-mail, password, language. Errors next to each field, in the user's
// language (checked here first, then whatever the API refuses: a taken e-mail, a common password).
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { type AuthResult, PASSWORD_MIN_LENGTH, RegisterBody } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { isLocale } from "../../../app/i18n/messages.ts";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, formClass, SelectField, TextField } from "../../../components/Field.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import {
  errorText,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstError,
  validate,
} from "../../../lib/errors.ts";
import styles from "../accounts.module.css";
import { safeNext } from "../safe-next.ts";

export function SignUpPage() {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asProvider = params.get("as") === "provider";
  useDocumentTitle(t("auth.signup.title"));

  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosen = String(data.get("locale") ?? locale);
    // The server's own rules (contracts/accounts.ts), checked here first.
    const checked = validate(t, RegisterBody, {
      displayName: String(data.get("displayName") ?? ""),
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      locale: isLocale(chosen) ? chosen : locale,
    });
    setErrors(checked.errors ?? {});
    setFormError(undefined);
    if (checked.errors) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<AuthResult>("/auth/register", checked.data);
      auth.signedIn(result.user);
      navigate(safeNext(params.get("next")) ?? "/account/verification", { replace: true });
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      if (isApiError(error, "conflict")) fields.email = t("auth.signup.emailTaken");
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorText(t, error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={cx("container", styles["auth-page"])} aria-labelledby="signup-title">
      <Card tone="raised" className={styles["auth-card"]}>
        <h1 id="signup-title">{t("auth.signup.title")}</h1>
        <p className={styles["auth-card__lead"]}>
          {asProvider ? t("auth.signup.leadProvider") : t("auth.signup.lead")}
        </p>
        <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
          {formError && <FormMessage kind="error">{formError}</FormMessage>}
          <TextField
            id="displayName"
            label={t("auth.field.displayName")}
            hint={t("auth.field.displayNameHint")}
            autoComplete="nickname"
            maxLength={40}
            required
            error={errors.displayName}
          />
          <TextField
            id="email"
            type="email"
            label={t("auth.field.email")}
            autoComplete="email"
            inputMode="email"
            required
            error={errors.email}
          />
          <TextField
            id="password"
            type="password"
            label={t("auth.field.password")}
            hint={t("auth.field.passwordHint", { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            error={errors.password}
          />
          <SelectField id="locale" label={t("auth.field.language")} defaultValue={locale} key={locale}>
            <option value="zh-CN" lang="zh-CN">
              简体中文
            </option>
            <option value="en" lang="en">
              English
            </option>
          </SelectField>
          <Button type="submit" size="lg" block disabled={busy}>
            {busy ? t("auth.signup.busy") : t("auth.signup.submit")}
          </Button>
        </form>
        <p className={styles["auth-card__switch"]}>
          {t("auth.signup.haveAccount")}{" "}
          <Link
            to={`/login${params.get("next") ? `?next=${encodeURIComponent(params.get("next") ?? "")}` : ""}`}
          >
            {t("auth.login.submit")}
          </Link>
        </p>
      </Card>
    </section>
  );
}
