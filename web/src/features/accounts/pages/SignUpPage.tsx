// Sign-up: display name, e-mail, password, language. Errors next to each field, in the user's
// language (checked here first with the server's own contract, then whatever the API refuses: a
// taken e-mail, a common password).

import { type AuthResult, RegisterBody } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { isLocale } from "../../../app/i18n/messages.ts";
import { useNavigate, useSearchParams } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { TextField } from "../../../components/Field.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { validate } from "../../../lib/errors.ts";
import { AuthCard, EmailField, LanguageField, PasswordField, withNext } from "../components/AuthCard.tsx";
import { safeNext } from "../safe-next.ts";

export function SignUpPage() {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asProvider = params.get("as") === "provider";
  useDocumentTitle(t("auth.signup.title"));
  const form = useForm();

  async function submit(data: FormData) {
    const chosen = String(data.get("locale") ?? locale);
    const checked = validate(t, RegisterBody, {
      displayName: String(data.get("displayName") ?? ""),
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      locale: isLocale(chosen) ? chosen : locale,
    });
    if (form.check(checked.errors ?? {}) || !checked.data) return;
    const body = checked.data;
    const result = await form.send(() => api.post<AuthResult>("/auth/register", body), {
      fields: (error) => (isApiError(error, "conflict") ? { email: t("auth.signup.emailTaken") } : undefined),
    });
    if (!result) return;
    auth.signedIn(result.user);
    // A new account: the welcome with its next steps (verification is one of them, optional), or
    // straight back to where the visitor was going.
    const next = safeNext(params.get("next"));
    navigate(next ?? (asProvider ? "/welcome?as=provider" : "/welcome"), { replace: true });
  }

  return (
    <AuthCard
      id="signup-title"
      title={t("auth.signup.title")}
      lead={asProvider ? t("auth.signup.leadProvider") : t("auth.signup.lead")}
      switchText={t("auth.signup.haveAccount")}
      switchTo={withNext("/login", params.get("next"))}
      switchLabel={t("auth.login.submit")}
    >
      <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
        <TextField
          id="displayName"
          label={t("auth.field.displayName")}
          hint={t("auth.field.displayNameHint")}
          autoComplete="nickname"
          maxLength={40}
          required
          error={form.errors.displayName}
        />
        <EmailField error={form.errors.email} />
        <PasswordField id="password" fresh error={form.errors.password} />
        <LanguageField id="locale" value={locale} />
        <Button type="submit" size="lg" block disabled={form.busy}>
          {form.busy ? t("auth.signup.busy") : t("auth.signup.submit")}
        </Button>
      </Form>
    </AuthCard>
  );
}
