// Log-in. A wrong e-mail and a wrong password get the same answer (as the API gives); too many
// attempts say how long to wait. After log-in: back where the visitor was going (?next=).
// After several wrong passwords the server wants a CAPTCHA (`details.captchaRequired` on a 401 or
// a 429, docs/decisions/0003): the form then shows the CAPTCHA step, moves the focus to it and
// sends its token with the next attempt, so the owner who mistyped is slowed, never locked out.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { AuthResult } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { captchaWidget } from "../../../app/auth/captcha.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FieldError, FormMessage, formClass, TextField } from "../../../components/Field.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { errorText, type FieldErrors, fieldErrorsFrom, focusFirstError } from "../../../lib/errors.ts";
import styles from "../accounts.module.css";
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

  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Answers so far: re-keys the message (so a repeated text is announced again) and the widget.
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
    setCaptchaError(false);
    if (Object.keys(next).length > 0) {
      focusFirstError(formRef.current);
      return;
    }
    // The server would refuse it unsent: say so here and send the person to the check.
    if (captchaShown && !captchaToken) {
      setCaptchaError(true);
      setAttempt((n) => n + 1);
      setFocusCaptcha((n) => n + 1);
      return;
    }
    setBusy(true);
    const sentToken = captchaShown ? captchaToken : null;
    try {
      const result = await api.post<AuthResult>("/auth/login", {
        email,
        password,
        ...(sentToken ? { captchaToken: sentToken } : {}),
      });
      auth.signedIn(result.user);
      navigate(safeNext(params.get("next")) ?? "/wallet", { replace: true });
    } catch (error) {
      setAttempt((n) => n + 1);
      const needsCaptcha = captchaRequired(error);
      if (needsCaptcha || sentToken) {
        // A solved challenge is spent by the attempt that carried it: a fresh widget, unticked.
        setCaptchaToken(null);
      }
      if (needsCaptcha) {
        setErrors({});
        setCaptchaShown(true);
        setFormError(
          isApiError(error, "unauthenticated")
            ? t("auth.login.wrongCaptchaNeeded")
            : sentToken
              ? t("auth.login.captchaFailed")
              : t("auth.login.captchaNeeded"),
        );
        setFocusCaptcha((n) => n + 1);
        return;
      }
      if (isApiError(error, "unauthenticated")) {
        setErrors({});
        setFormError(t("auth.login.wrong"));
      } else {
        // Includes a 429 without captchaRequired: "try again in N min" from details.retryAfterSeconds.
        const fields = fieldErrorsFrom(t, error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(errorText(t, error));
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  const next = params.get("next");
  return (
    <section className={cx("container", styles["auth-page"])} aria-labelledby="login-title">
      <Card tone="raised" className={styles["auth-card"]}>
        <h1 id="login-title">{t("auth.login.title")}</h1>
        <p className={styles["auth-card__lead"]}>{next ? t("auth.login.leadNext") : t("auth.login.lead")}</p>
        <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
          {formError && (
            <FormMessage key={attempt} kind="error">
              {formError}
            </FormMessage>
          )}
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
          <Button type="submit" size="lg" block disabled={busy}>
            {busy ? t("auth.login.busy") : t("auth.login.submit")}
          </Button>
        </form>
        <p className={styles["auth-card__switch"]}>
          {t("auth.login.noAccount")}{" "}
          <Link to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ""}`}>
            {t("auth.signup.submit")}
          </Link>
        </p>
      </Card>
    </section>
  );
}
