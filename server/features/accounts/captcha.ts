// The CAPTCHA port. After repeated wrong passwords (limits.ts) a log-in must carry `captchaToken`,
// which the client gets from the CAPTCHA widget and this port checks with the provider. The
// sandbox accepts exactly SANDBOX_CAPTCHA_TOKEN: development, tests and the demo need no provider.
// A real adapter (e.g. Tencent Cloud or GeeTest) implements `verify` with a server-side call;
// until one is configured the other limits (per IP + account, per IP, progressive delay) still hold.
import type { Config } from "../../config.ts";

export interface CaptchaVerifier {
  /** Whether `token` is a solved, unused challenge for a request from `ip`. */
  verify(token: string, ip: string | null): Promise<boolean>;
}

export const SANDBOX_CAPTCHA_TOKEN = "sandbox-captcha-passed";

export const sandboxCaptcha: CaptchaVerifier = {
  async verify(token) {
    return token === SANDBOX_CAPTCHA_TOKEN;
  },
};

export function captchaFor(_config: Config): CaptchaVerifier {
  return sandboxCaptcha;
}
