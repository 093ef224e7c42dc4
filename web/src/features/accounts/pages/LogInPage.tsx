// Log-in. A wrong e-mail and a wrong password get the same answer (as the API gives); too many
// attempts say how long to wait. After log-in: back where the visitor was going (?next=).
// After several wrong passwords the server wants a CAPTCHA (`details.captchaRequired` on a 401 or
// a 429, docs/decisions/0003): the form then shows the CAPTCHA step, moves the focus to it and
// sends its token with the next attempt, so the owner who mistyped is slowed, never locked out.
import { useEffect, useRef, useState } from "react";
import type { AuthResult } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { captchaWidget } from "../../../app/auth/captcha.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useNavigate, useSearchParams } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { FieldError } from "../../../components/Field.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import styles from "../accounts.module.css";
import { AuthCard, EmailField, PasswordField, withNext } from "../components/AuthCard.tsx";
import { safeNext } from "../safe-next.ts";

function captchaRequired(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return (error.details as { captchaRequired?: unknown } | undefined)?.captchaRequired === true;
}

export function LogInPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle(t("auth.login.title"));

  const form = useForm();
  // Answers so far: re-keys the CAPTCHA widget (a solved challenge is spent by one attempt).
  const [attempt, setAttempt] = useState(0);
  const [captchaShown, setCaptchaShown] = useState(false);
  const [captchaToken, setCaptchaToken] = useState<string | null>(null);
  const [captchaError, setCaptchaError] = useState(false);
  const captchaRef = useRef<HTMLFieldSetElement>(null);
  const [focusCaptcha, setFocusCaptcha] = useState(0);

  // The CAPTCHA step appeared or was renewed: the focus goes to its first control (whatever the
  // provider renders), so keyboard and screen-reader users land where they must act.
  useEffect(() => {
    if (focusCaptcha === 0) return;
    const frame = requestAnimationFrame(() => {
      const step = captchaRef.current;
      const control = step?.querySelector<HTMLElement>("input, button, iframe, [tabindex]");
      (control ?? step)?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusCaptcha]);

  async function submit(data: FormData) {
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    setCaptchaError(false);
    // Only "required" here: a short password is just a wrong one (no zod in this chunk).
    const missing = {
      ...(email ? {} : { email: t("form.error.required") }),
      ...(password ? {} : { password: t("form.error.required") }),
    };
    if (form.check(missing)) return;
    // The server would refuse it unsent: say so here and send the person to the check.
    if (captchaShown && !captchaToken) {
      setCaptchaError(true);
      setAttempt((n) => n + 1);
      setFocusCaptcha((n) => n + 1);
      return;
    }
    const sentToken = captchaShown ? captchaToken : null;
    const result = await form.send(
      () =>
        api.post<AuthResult>("/auth/login", {
          email,
          password,
          ...(sentToken ? { captchaToken: sentToken } : {}),
        }),
      {
        message: (error) => {
          setAttempt((n) => n + 1);
          const needsCaptcha = captchaRequired(error);
          // A solved challenge is spent by the attempt that carried it: a fresh widget, unticked.
          if (needsCaptcha || sentToken) setCaptchaToken(null);
          if (needsCaptcha) {
            setCaptchaShown(true);
            setFocusCaptcha((n) => n + 1);
            if (isApiError(error, "unauthenticated")) return t("auth.login.wrongCaptchaNeeded");
            return sentToken ? t("auth.login.captchaFailed") : t("auth.login.captchaNeeded");
          }
          if (isApiError(error, "unauthenticated")) return t("auth.login.wrong");
          // Includes a 429 without captchaRequired: "try again in N min" from details.retryAfterSeconds.
          return undefined;
        },
        focus: (error) => !captchaRequired(error),
      },
    );
    if (!result) return;
    auth.signedIn(result.user);
    // Back where the visitor was going; else the signed-in home (what waits for them).
    navigate(safeNext(params.get("next")) ?? "/", { replace: true });
  }

  const next = params.get("next");
  return (
    <AuthCard
      id="login-title"
      title={t("auth.login.title")}
      lead={next ? t("auth.login.leadNext") : t("auth.login.lead")}
      switchText={t("auth.login.noAccount")}
      switchTo={withNext("/signup", next)}
      switchLabel={t("auth.signup.submit")}
    >
      <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
        <EmailField error={form.errors.email} />
        <PasswordField id="password" error={form.errors.password} />
        <p className={styles.forgot}>
          <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        </p>
        {captchaShown && (
          <fieldset
            ref={captchaRef}
            tabIndex={-1}
            className={captchaError ? "captcha-step captcha-step--invalid" : "captcha-step"}
            aria-describedby={captchaError ? "captcha-lead captcha-error" : "captcha-lead"}
          >
            <legend>{t("auth.captcha.legend")}</legend>
            <p id="captcha-lead" className="captcha-step__lead">
              {t("auth.captcha.lead")}
            </p>
            <div key={attempt}>{captchaWidget().render({ onToken: setCaptchaToken })}</div>
            {captchaError && (
              <div role="alert">
                <FieldError id="captcha-error">{t("auth.login.captchaMissing")}</FieldError>
              </div>
            )}
          </fieldset>
        )}
        <Button type="submit" size="lg" block disabled={form.busy}>
          {form.busy ? t("auth.login.busy") : t("auth.login.submit")}
        </Button>
      </Form>
    </AuthCard>
  );
}
