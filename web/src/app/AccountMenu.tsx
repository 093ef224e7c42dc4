// The header's account corner: log-in / sign-up links for visitors; for a signed-in person a
// button with their name that opens a menu (profile, wallet, settings, verification, the operator
// pages for operators, log out). A disclosure, not an ARIA menu: plain links and a button inside,
// Escape and a click outside close it, the focus returns to the button.
import { useEffect, useId, useRef, useState } from "react";
import { Avatar } from "../components/Avatar.tsx";
import { ButtonLink } from "../components/Button.tsx";
import { isOperator, useAuth } from "./auth/AuthProvider.tsx";
import { useI18n } from "./i18n/I18nProvider.tsx";
import styles from "./Layout.module.css";
import { Link, useLocation, useNavigate } from "./router.tsx";

export function HeaderAccount() {
  const auth = useAuth();
  const { t } = useI18n();
  if (auth.status === "loading") return <span className={styles["account-placeholder"]} aria-hidden="true" />;
  if (auth.status === "anonymous") {
    return (
      <>
        <Link to="/login" className={styles["site-header__login"]}>
          {t("nav.login")}
        </Link>
        <ButtonLink to="/signup" size="sm">
          <span className={styles["hide-narrow"]}>{t("nav.signup")}</span>
          <span className={styles["show-narrow"]}>{t("nav.signupShort")}</span>
        </ButtonLink>
      </>
    );
  }
  return <AccountMenu />;
}

/** The log-in link in the nav row on narrow phones; nothing once signed in. */
export function NavLoginItem() {
  const auth = useAuth();
  const { t } = useI18n();
  if (auth.status !== "anonymous") return null;
  return (
    <li className={styles["site-nav__login"]}>
      <Link to="/login">{t("nav.login")}</Link>
    </li>
  );
}

function AccountMenu() {
  const auth = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const user = auth.status === "signed-in" ? auth.user : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  if (!user) return null;

  async function logOut() {
    setBusy(true);
    try {
      await auth.logOut();
      navigate("/", { replace: true });
    } catch {
      setBusy(false);
    }
  }

  return (
    <div className={styles["account-menu"]} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={styles["account-menu__button"]}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <Avatar name={user.displayName} />
        <span className={styles["account-menu__name"]}>{user.displayName}</span>
        <span className="visually-hidden">{t("menu.label")}</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="16"
          height="16"
          className={styles["account-menu__caret"]}
        >
          <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <div id={menuId} className={styles["account-menu__panel"]} hidden={!open}>
        <p className={styles["account-menu__who"]}>
          <strong>{user.displayName}</strong>
          <span>{user.email}</span>
        </p>
        <ul>
          <li>
            <Link to={`/users/${user.id}`}>{t("menu.profile")}</Link>
          </li>
          <li>
            <Link to="/wallet">{t("menu.wallet")}</Link>
          </li>
          <li>
            <Link to="/messages">{t("menu.messages")}</Link>
          </li>
          {/* Contests */}
          <li>
            <Link to="/contests/mine">{t("nav.myContests")}</Link>
          </li>
          <li>
            <Link to="/contests/entered">{t("nav.myEntries")}</Link>
          </li>
          {/* Orders (tenders and services), both roles */}
          <li>
            <Link to="/orders">{t("nav.myOrders")}</Link>
          </li>
          <li>
            <Link to="/account">{t("menu.settings")}</Link>
          </li>
          <li>
            <Link to="/account/verification">{t("menu.verification")}</Link>
          </li>
          {isOperator(user) && (
            <>
              <li className={styles["account-menu__section"]}>{t("menu.operator")}</li>
              <li>
                <Link to="/admin/verifications">{t("menu.opsVerifications")}</Link>
              </li>
              <li>
                <Link to="/admin/withdrawals">{t("menu.opsWithdrawals")}</Link>
              </li>
            </>
          )}
        </ul>
        <button type="button" className={styles["account-menu__logout"]} onClick={logOut} disabled={busy}>
          {busy ? t("menu.loggingOut") : t("menu.logout")}
        </button>
      </div>
    </div>
  );
}
