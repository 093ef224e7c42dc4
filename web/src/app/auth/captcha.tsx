// The CAPTCHA widget's port (the web side of server/features/accounts/captcha.ts). After several
// wrong passwords the log-in page asks the widget for a token and sends it as `captchaToken`; the
// server checks it with the provider. A widget only has to `render({ onToken })`: call onToken with
// a solved challenge's token, and with null when it is no longer solved (unticked, expired). The
// page remounts it (a new React key) after every attempt, as a real provider's token is single-use.
//
// Only the sandbox exists today: a plain checkbox that yields SANDBOX_CAPTCHA_TOKEN, which the
// server's sandbox verifier accepts. A real provider (e.g. Tencent Cloud CAPTCHA or GeeTest) plugs
// in behind the same interface later: its render() loads the provider's script and hands its
// ticket to onToken; captchaWidget() then picks it (from config the server exposes), and nothing in
// the log-in page changes.
import { type ReactNode, useId } from "react";
import { useI18n } from "../i18n/I18nProvider.tsx";
import "./captcha.css";

export type CaptchaProps = {
  /** A solved challenge's token, or null when there is none (any more). */
  onToken(token: string | null): void;
};

export interface CaptchaWidget {
  /** The widget; its first focusable control gets the focus when the page shows it. */
  render(props: CaptchaProps): ReactNode;
}

/** The token the server's sandbox verifier accepts (server/features/accounts/captcha.ts). */
export const SANDBOX_CAPTCHA_TOKEN = "sandbox-captcha-passed";

function SandboxCheck({ onToken }: CaptchaProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="captcha-sandbox">
      <input
        id={`${id}-check`}
        type="checkbox"
        className="captcha-sandbox__check"
        aria-describedby={`${id}-note`}
        onChange={(event) => onToken(event.currentTarget.checked ? SANDBOX_CAPTCHA_TOKEN : null)}
      />
      <label htmlFor={`${id}-check`} className="captcha-sandbox__label">
        {t("auth.captcha.check")}
      </label>
      <span id={`${id}-note`} className="captcha-sandbox__note">
        {t("auth.captcha.sandbox")}
      </span>
    </div>
  );
}

export const sandboxCaptchaWidget: CaptchaWidget = {
  render: (props) => <SandboxCheck {...props} />,
};

/** The widget this installation uses: the sandbox until a real provider's adapter exists. */
export function captchaWidget(): CaptchaWidget {
  return sandboxCaptchaWidget;
}
