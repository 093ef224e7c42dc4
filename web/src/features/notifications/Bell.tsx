// The header's bell: a link to the notifications page with the unread count (kept live by the
// RealtimeBridge's invalidations). Shown only to a signed-in person.
import { useAuth } from "../../app/auth/AuthProvider.tsx";
import { useI18n } from "../../app/i18n/I18nProvider.tsx";
import { Link } from "../../app/router.tsx";
import { useUnreadCount } from "./api.ts";
import styles from "./Bell.module.css";

export function Bell() {
  const auth = useAuth();
  const { t } = useI18n();
  const signedIn = auth.status === "signed-in";
  const unread = useUnreadCount(signedIn);
  if (!signedIn) return null;
  const count = unread.data ?? 0;
  const label = count > 0 ? t("nav.notificationsUnread", { count }) : t("nav.notifications");
  return (
    <Link to="/notifications" className={styles.bell} aria-label={label} title={label} data-testid="bell">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {count > 0 && (
        <span className={styles.count} data-testid="bell-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
