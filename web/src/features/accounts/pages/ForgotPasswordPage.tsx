// Forgot password: an e-mail address → a reset link through the outbox. The answer is the same
// whether or not an account uses the address (the API's 202), so the page says "if".
import { useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api } from "../../../lib/api.ts";
import { AuthCard, EmailField } from "../components/AuthCard.tsx";

export function ForgotPasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t("auth.forgot.title"));
  const form = useForm();
  const [sent, setSent] = useState(false);

  async function submit(data: FormData) {
    const email = String(data.get("email") ?? "").trim();
    if (form.check(email ? {} : { email: t("form.error.required") })) return;
    const result = await form.send(() => api.post<{ accepted: true }>("/auth/password-reset", { email }));
    if (result) setSent(true);
  }

  return (
    <AuthCard
      id="forgot-title"
      title={t("auth.forgot.title")}
      lead={t("auth.forgot.intro")}
      switchText={t("auth.forgot.remembered")}
      switchTo="/login"
      switchLabel={t("auth.login.submit")}
    >
      {sent ? (
        <Notice tone="success" role="status" testId="forgot-sent">
          {t("auth.forgot.sent")}
        </Notice>
      ) : (
        <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
          <EmailField error={form.errors.email} />
          <Button type="submit" size="lg" block disabled={form.busy}>
            {t("auth.forgot.submit")}
          </Button>
        </Form>
      )}
      {sent && (
        <p>
          <Link to="/login">{t("auth.login.submit")}</Link>
        </p>
      )}
    </AuthCard>
  );
}
