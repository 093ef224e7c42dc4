// Account settings: display name and language, password change (every other session is signed
// out), and "log out everywhere".
import { useState } from "react";
import {
  ChangePasswordBody,
  type Me,
  type MeResult,
  UpdateMeBody,
} from "../../../../../contracts/accounts.ts";
import { RequireAuth, useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { isLocale } from "../../../app/i18n/messages.ts";
import { Link, useNavigate } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, TextField } from "../../../components/Field.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import page from "../../../components/Page.module.css";
import { api, isApiError } from "../../../lib/api.ts";
import { errorText, validate } from "../../../lib/errors.ts";
import { PreferencesCard } from "../../notifications/components/PreferencesCard.tsx";
import { LanguageField, PasswordField } from "../components/AuthCard.tsx";

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
            <PreferencesCard />
          </div>
        </div>
      )}
    </RequireAuth>
  );
}

function ProfileForm({ user }: { user: Me }) {
  const { t, setLocale } = useI18n();
  const auth = useAuth();
  const form = useForm();

  async function submit(data: FormData) {
    const language = String(data.get("language") ?? "");
    const checked = validate(t, UpdateMeBody, {
      displayName: String(data.get("displayName") ?? ""),
      ...(isLocale(language) ? { locale: language } : {}),
    });
    if (form.check(checked.errors ?? {}) || !checked.data) return;
    const body = checked.data;
    const result = await form.send(() => api.patch<MeResult>("/me", body));
    if (!result) return;
    auth.updateUser(result.user);
    setLocale(result.user.locale);
    // Rendered in the language chosen by this very save.
    form.succeeded(<Saved />);
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="profile-title">
      <h2 id="profile-title">{t("settings.profile.title")}</h2>
      <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
        <TextField
          id="displayName"
          label={t("auth.field.displayName")}
          defaultValue={user.displayName}
          maxLength={40}
          autoComplete="nickname"
          required
          error={form.errors.displayName}
        />
        <LanguageField id="language" value={user.locale} />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            {form.busy ? t("form.saving") : t("form.save")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function Saved() {
  const { t } = useI18n();
  return <>{t("settings.profile.saved")}</>;
}

function PasswordForm() {
  const { t } = useI18n();
  const form = useForm();

  async function submit(element: HTMLFormElement) {
    const data = new FormData(element);
    const checked = validate(t, ChangePasswordBody, {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
    });
    const errors = { ...checked.errors };
    if (!errors.newPassword && data.get("confirmPassword") !== data.get("newPassword")) {
      errors.confirmPassword = t("settings.password.mismatch");
    }
    if (form.check(errors) || !checked.data) return;
    const body = checked.data;
    const result = await form.send(() => api.post<{ revokedSessions: number }>("/me/password", body));
    if (!result) return;
    element.reset();
    form.succeeded(t("settings.password.changed", { count: result.revokedSessions }));
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="password-title">
      <h2 id="password-title">{t("settings.password.title")}</h2>
      <p className={page.panelLead}>{t("settings.password.lead")}</p>
      <Form form={form} onSubmit={(event) => void submit(event.currentTarget)}>
        <PasswordField
          id="currentPassword"
          label={t("settings.password.current")}
          error={form.errors.currentPassword}
        />
        <PasswordField
          id="newPassword"
          label={t("settings.password.new")}
          fresh
          error={form.errors.newPassword}
        />
        <PasswordField
          id="confirmPassword"
          label={t("settings.password.confirm")}
          fresh
          error={form.errors.confirmPassword}
        />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            {form.busy ? t("form.saving") : t("settings.password.submit")}
          </Button>
        </div>
      </Form>
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
