import { ButtonLink } from "../components/Button.tsx";
import { cx } from "../components/cx.ts";
import { useDocumentTitle, useI18n } from "./i18n/I18nProvider.tsx";
import styles from "./NotFoundPage.module.css";
import { useLocation } from "./router.tsx";

/** Any path the app has no page for (yet), inside the app shell. */
export function NotFoundPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  useDocumentTitle(t("notFound.title"));
  return (
    <section className={cx("container", styles["not-found"])} aria-labelledby="not-found-title">
      <p className={styles["not-found__code"]} aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{t("notFound.title")}</h1>
      <p className={styles["not-found__body"]}>{t("notFound.body", { path: pathname })}</p>
      <div className="button-row">
        <ButtonLink to="/">{t("notFound.home")}</ButtonLink>
        <ButtonLink to="/#categories" variant="secondary">
          {t("notFound.categories")}
        </ButtonLink>
      </div>
    </section>
  );
}
