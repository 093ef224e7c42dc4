// Log-in. A wrong e-mail and a wrong password get the same answer (as the API gives); too many
// attempts say how long to wait. After log-in: back where the visitor was going (?next=).
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { AuthResult } from "../../../../contracts/accounts.ts";
import { api, isApiError } from "../../api/client.ts";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { Button } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { FormMessage, TextField } from "../../components/Field.tsx";
import { useDocumentTitle, useI18n } from "../../i18n/I18nProvider.tsx";
import { type FieldErrors, fieldErrorsFrom, focusFirstError, formErrorText } from "../../lib/form-errors.ts";
import { safeNext } from "./safe-next.ts";

export function LogInPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle(t("auth.login.title"));

  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const next: FieldErrors = {};
    if (!email) next.email = t("form.error.required");
    if (!password) next.password = t("form.error.required");
    setErrors(next);
    setFormError(undefined);
    if (Object.keys(next).length > 0) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<AuthResult>("/auth/login", { email, password });
      auth.signedIn(result.user);
      navigate(safeNext(params.get("next")) ?? "/wallet", { replace: true });
    } catch (error) {
      if (isApiError(error, "unauthenticated")) {
        setErrors({});
        setFormError(t("auth.login.wrong"));
      } else {
        const fields = fieldErrorsFrom(t, error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(formErrorText(t, error));
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  const next = params.get("next");
  return (
    <section className="container auth-page" aria-labelledby="login-title">
      <Card tone="raised" className="auth-card">
        <h1 id="login-title">{t("auth.login.title")}</h1>
        <p className="auth-card__lead">{next ? t("auth.login.leadNext") : t("auth.login.lead")}</p>
        <form ref={formRef} className="form" noValidate onSubmit={submit} aria-busy={busy}>
          {formError && <FormMessage kind="error">{formError}</FormMessage>}
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
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <Button type="submit" size="lg" block disabled={busy}>
            {busy ? t("auth.login.busy") : t("auth.login.submit")}
          </Button>
        </form>
        <p className="auth-card__switch">
          {t("auth.login.noAccount")}{" "}
          <Link to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ""}`}>
            {t("auth.signup.submit")}
          </Link>
        </p>
      </Card>
    </section>
  );
}
