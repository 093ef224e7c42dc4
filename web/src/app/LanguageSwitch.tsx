import { useI18n } from "./i18n/I18nProvider.tsx";
import styles from "./Layout.module.css";

/** One button that switches to the other language; its text is written in that language. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const other = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <button
      type="button"
      className={styles["lang-switch"]}
      lang={other}
      title={t("lang.switchLabel")}
      onClick={() => setLocale(other)}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="18"
        height="18"
        className={styles["lang-switch__icon"]}
      >
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path
          d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        />
      </svg>
      <span>{t("lang.switchTo")}</span>
    </button>
  );
}
