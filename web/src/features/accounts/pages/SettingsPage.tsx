// Account settings: display name and language, password change (every other session is signed
// out), and "log out everywhere".
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  type Me,
  type MeResult,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../../../../contracts/accounts.ts";
import { RequireAuth, useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { isLocale } from "../../../app/i18n/messages.ts";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, formClass, SelectField, TextField } from "../../../components/Field.tsx";
import page from "../../../components/Page.module.css";
import { api, isApiError } from "../../../lib/api.ts";
import { errorText, type FieldErrors, fieldErrorsFrom, focusFirstError } from "../../../lib/errors.ts";

export function SettingsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("settings.title"));
  return (
    <RequireAuth>
      {(user) => (
        <div className={cx("container", page.page)}>
          <header className={page.header}>
            <h1>{t("settings.title")}</h1>
            <p className={page.lead}>{t("settings.lead", { email: user.email })}</p>
            <nav className="button-row" aria-label={t("settings.related")}>
              <Link to="/account/verification">{t("menu.verification")}</Link>
              <Link to={`/users/${user.id}`}>{t("menu.profile")}</Link>
            </nav>
          </header>
          <div className={page.grid}>
            <ProfileForm user={user} />
            <PasswordForm />
            <Sessions />
          </div>
        </div>
      )}
    </RequireAuth>
  );
}

function ProfileForm({ user }: { user: Me }) {
  const { t, setLocale } = useI18n();
  const auth = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const displayName = String(data.get("displayName") ?? "").trim();
    const locale = String(data.get("language") ?? "");
    setMessage(undefined);
    if (!displayName) {
      setErrors({ displayName: t("form.error.required") });
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await api.patch<MeResult>("/me", {
        displayName,
        ...(isLocale(locale) ? { locale } : {}),
      });
      auth.updateUser(result.user);
      setLocale(result.user.locale);
      // Rendered from its key: the language may just have changed with this very save.
      setMessage({ kind: "success", text: "" });
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setMessage({ kind: "error", text: errorText(t, error) });
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="profile-title">
      <h2 id="profile-title">{t("settings.profile.title")}</h2>
      <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
        {message && (
          <FormMessage kind={message.kind}>
            {message.kind === "success" ? t("settings.profile.saved") : message.text}
          </FormMessage>
        )}
        <TextField
          id="displayName"
          label={t("auth.field.displayName")}
          defaultValue={user.displayName}
          maxLength={40}
          autoComplete="nickname"
          required
          error={errors.displayName}
        />
        <SelectField
          id="language"
          label={t("auth.field.language")}
          defaultValue={user.locale}
          key={user.locale}
        >
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
          <option value="en" lang="en">
            English
          </option>
        </SelectField>
        <div className="button-row">
          <Button type="submit" disabled={busy}>
            {busy ? t("form.saving") : t("form.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    const confirm = String(data.get("confirmPassword") ?? "");
    const next: FieldErrors = {};
    if (!currentPassword) next.currentPassword = t("form.error.required");
    if (newPassword.length < PASSWORD_MIN_LENGTH)
      next.newPassword = t("form.error.tooShort", { min: PASSWORD_MIN_LENGTH });
    else if (newPassword.length > PASSWORD_MAX_LENGTH)
      next.newPassword = t("form.error.tooLong", { max: PASSWORD_MAX_LENGTH });
    if (!next.newPassword && confirm !== newPassword) next.confirmPassword = t("settings.password.mismatch");
    setErrors(next);
    setMessage(undefined);
    if (Object.keys(next).length > 0) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<{ revokedSessions: number }>("/me/password", {
        currentPassword,
        newPassword,
      });
      form.reset();
      setMessage({
        kind: "success",
        text: t("settings.password.changed", { count: result.revokedSessions }),
      });
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setMessage({ kind: "error", text: errorText(t, error) });
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="password-title">
      <h2 id="password-title">{t("settings.password.title")}</h2>
      <p className={page.panelLead}>{t("settings.password.lead")}</p>
      <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <TextField
          id="currentPassword"
          type="password"
          label={t("settings.password.current")}
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          id="newPassword"
          type="password"
          label={t("settings.password.new")}
          hint={t("auth.field.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          error={errors.newPassword}
        />
        <TextField
          id="confirmPassword"
          type="password"
          label={t("settings.password.confirm")}
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <div className="button-row">
          <Button type="submit" disabled={busy}>
            {busy ? t("form.saving") : t("settings.password.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function logOutEverywhere() {
    setBusy(true);
    setError(undefined);
    try {
      await api.post("/auth/logout-all");
      auth.forget();
      navigate("/login", { replace: true });
    } catch (cause) {
      if (isApiError(cause, "unauthenticated")) {
        auth.forget();
        navigate("/login", { replace: true });
        return;
      }
      setError(errorText(t, cause));
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("settings.sessions.title")}</h2>
      <p className={page.panelLead}>{t("settings.sessions.lead")}</p>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      <Button variant="secondary" onClick={logOutEverywhere} disabled={busy}>
        {busy ? t("settings.sessions.busy") : t("settings.sessions.submit")}
      </Button>
    </Card>
  );
}
