// The app shell every page lives in: skip link, header (brand, main navigation, language switch,
// account links), <main id="main">, footer. The page renders inside <main>.
import { lazy, type ReactNode, Suspense, useEffect, useRef } from "react";
import { cx } from "../components/cx.ts";
import { available } from "../features/home/ways-to-buy.ts";
import { HeaderAccount, NavLoginItem } from "./AccountMenu.tsx";
import { useI18n } from "./i18n/I18nProvider.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import styles from "./Layout.module.css";
import { LogoMark } from "./Logo.tsx";
import { Link, useLocation } from "./router.tsx";
import { SignedInOnly } from "./SignedInOnly.tsx";

const Bell = lazy(() => import("../features/notifications/Bell.tsx").then((m) => ({ default: m.Bell })));

export const MAIN_ID = "main";

/** In-page anchors (/#categories) work across routes; a new page starts at the top. */
function useScrollOnNavigate() {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pathname (a new page) must scroll to the top.
  useEffect(() => {
    // After a navigation inside the app (not the first load), screen readers and keyboard users
    // start at the new page's content, not at the link they just followed.
    const navigated = !first.current;
    first.current = false;
    if (navigated) document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    if (hash) {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (target) {
        target.scrollIntoView();
        return;
      }
    }
    window.scrollTo(0, 0);
  }, [pathname, hash]);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  useScrollOnNavigate();
  return (
    <div className={styles.shell}>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t("a11y.skipToContent")}
      </a>
      <header className={styles["site-header"]}>
        <div className={cx("container", styles["site-header__inner"])}>
          <Link to="/" className={styles.brand} aria-label={t("a11y.homeLink")}>
            <LogoMark />
            <span className={styles.brand__text}>
              <span className={styles.brand__name}>{t("app.name")}</span>
              <span className={styles.brand__latin}>{t("app.nameLatin")}</span>
            </span>
          </Link>
          <nav className={styles["site-nav"]} aria-label={t("a11y.primaryNav")}>
            <ul className={styles["site-nav__list"]}>
              <li>
                <Link to="/contests">{t("nav.contests")}</Link>
              </li>
              {available.piecework && (
                <li>
                  <Link to="/piecework">{t("nav.piecework")}</Link>
                </li>
              )}
              {available.tender && (
                <li>
                  <Link to="/tenders">{t("nav.tenders")}</Link>
                </li>
              )}
              {available.service && (
                <li>
                  <Link to="/services">{t("nav.services")}</Link>
                </li>
              )}
              <HomeSectionLinks />
              {/* On narrow phones the log-in link moves here from the crowded first row. */}
              <NavLoginItem />
            </ul>
          </nav>
          <div className={styles["site-header__actions"]}>
            <LanguageSwitch />
            {/* Signed in: the bell with the unread count. */}
            <SignedInOnly>
              <Bell />
            </SignedInOnly>
            {/* Log-in and sign-up for visitors; the account menu once signed in. */}
            <HeaderAccount />
          </div>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className={styles["site-main"]}>
        {/* Each page is its own chunk: a quiet status line while the first visit loads it. */}
        <Suspense fallback={<PageLoading />}>{children}</Suspense>
      </main>
      <Footer />
    </div>
  );
}

/** The home page's sections, in the header's navigation and the footer's. */
function HomeSectionLinks() {
  const { t } = useI18n();
  return (
    <>
      <li>
        <Link to="/#ways">{t("nav.ways")}</Link>
      </li>
      {/* Below 1440 px the row holds the ways of buying first: these two stay on the home page. */}
      <li className={styles["nav-extra"]}>
        <Link to="/#escrow">{t("nav.escrow")}</Link>
      </li>
      <li className={styles["nav-extra"]}>
        <Link to="/#categories">{t("nav.categories")}</Link>
      </li>
    </>
  );
}

function PageLoading() {
  const { t } = useI18n();
  return (
    // As tall as the screen: the footer stays below the fold until the page arrives (CLS).
    <div className={cx("container", "section", styles.pageLoading)} role="status">
      <span className="visually-hidden">{t("form.loading")}</span>
    </div>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer className={styles["site-footer"]}>
      <div className={cx("container", styles["site-footer__inner"])}>
        <div className={styles["site-footer__about"]}>
          <Link to="/" className={cx(styles.brand, styles["brand--inverse"])} aria-label={t("a11y.homeLink")}>
            <LogoMark size={28} />
            <span className={styles.brand__text}>
              <span className={styles.brand__name}>{t("app.name")}</span>
              <span className={styles.brand__latin}>{t("app.nameLatin")}</span>
            </span>
          </Link>
          <p>{t("footer.about")}</p>
        </div>
        <nav className={styles["site-footer__nav"]} aria-label={t("a11y.footerNav")}>
          <div>
            <h2 className={styles["site-footer__heading"]}>{t("footer.platform")}</h2>
            <ul>
              <HomeSectionLinks />
            </ul>
          </div>
          <div>
            <h2 className={styles["site-footer__heading"]}>{t("footer.developers")}</h2>
            <ul>
              <li>
                {/* Served by the API server itself, outside the web app's router. */}
                <a href="/docs">{t("footer.apiDocs")}</a>
              </li>
              <li>
                <a href="/openapi.json">{t("footer.openapi")}</a>
              </li>
              <li>{t("footer.license")}</li>
            </ul>
          </div>
        </nav>
      </div>
      <div className={styles["site-footer__legal"]}>
        <div className="container">
          <span>{t("footer.copyright", { year: new Date().getFullYear() })}</span>
          <span>{t("footer.currency")}</span>
        </div>
      </div>
    </footer>
  );
}
