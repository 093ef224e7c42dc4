// Reset password from the e-mailed link (/reset-password?token=…): the token is read once and taken
// out of the address bar (not left in history or a shared screenshot); a new password twice; on
// success the person is signed in (every other session was ended by the server).
import { useEffect, useState } from "react";
import { type AuthResult, PasswordResetConfirmBody } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { validate } from "../../../lib/errors.ts";
import { AuthCard, PasswordField } from "../components/AuthCard.tsx";

const refusals: Record<string, MessageKey> = {
  unknown: "auth.reset.unknown",
  expired: "auth.reset.expired",
  used: "auth.reset.used",
};

/** The token of the e-mailed link (read on every render until it is taken out of the address). */
function tokenInAddress(): string {
  return new URLSearchParams(window.location.search).get("token") ?? "";
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const auth = useAuth();
  useDocumentTitle(t("auth.reset.title"));
  const [token] = useState(tokenInAddress);
  // Out of the address bar (history, a shared screenshot) once read; kept in state.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (!params.has("token")) return;
    params.delete("token");
    const rest = params.toString();
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${rest ? `?${rest}` : ""}`,
    );
  }, []);
  const form = useForm();
  const [refused, setRefused] = useState<MessageKey | null>(token ? null : "auth.reset.unknown");
  const [done, setDone] = useState(false);

  async function submit(data: FormData) {
    const password = String(data.get("password") ?? "");
    const repeat = String(data.get("repeat") ?? "");
    const checked = validate(t, PasswordResetConfirmBody, { token, password });
    const errors = { ...checked.errors };
    if (!errors.password && password !== repeat) errors.repeat = t("auth.reset.mismatch");
    if (form.check(errors) || !checked.data) return;
    const body = checked.data;
    const result = await form.send(() => api.post<AuthResult>("/auth/password-reset/confirm", body), {
      // A refused link (unknown, expired, used) is about the link, not a field: say why, and offer a new one.
      fields: (error) => {
        const reason = isApiError(error, "invalid_input")
          ? (error.details as { reason?: string } | undefined)?.reason
          : undefined;
        const key = reason ? refusals[reason] : undefined;
        if (key) setRefused(key);
        return undefined;
      },
    });
    if (!result) return;
    auth.signedIn(result.user);
    setDone(true);
  }

  return (
    <AuthCard
      id="reset-title"
      title={t("auth.reset.title")}
      lead={t("auth.reset.lead")}
      switchText={t("auth.forgot.remembered")}
      switchTo="/login"
      switchLabel={t("auth.login.submit")}
    >
      {done ? (
        <Notice
          tone="success"
          role="status"
          testId="reset-done"
          action={<ButtonLink to="/">{t("auth.reset.home")}</ButtonLink>}
        >
          {t("auth.reset.done")}
        </Notice>
      ) : refused ? (
        <Notice
          tone="warn"
          role="alert"
          testId="reset-refused"
          action={<ButtonLink to="/forgot-password">{t("auth.reset.again")}</ButtonLink>}
        >
          {t(refused)}
        </Notice>
      ) : (
        <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
          <PasswordField id="password" label={t("auth.reset.new")} fresh error={form.errors.password} />
          <PasswordField id="repeat" label={t("auth.reset.repeat")} fresh error={form.errors.repeat} />
          <Button type="submit" size="lg" block disabled={form.busy}>
            {t("auth.reset.submit")}
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
