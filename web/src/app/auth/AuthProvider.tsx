// Who is signed in, for the whole app. The session itself is the HttpOnly cookie the server sets;
// the script-readable CSRF cookie next to it tells us whether asking GET /me is worth it (so an
// anonymous visitor never causes a 401). The account's language follows the UI language: adopted at
// log-in, saved (PATCH /me) when the visitor switches it while signed in.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Me, MeResult } from "../../../../contracts/accounts.ts";
import { Notice } from "../../components/Notice.tsx";
import { api, isApiError } from "../../lib/api.ts";
import { hasStoredLocale, readStoredLocale, useI18n } from "../i18n/I18nProvider.tsx";
import type { Locale } from "../i18n/messages.ts";
import { Navigate, useLocation } from "../router.tsx";

export type AuthState =
  | { status: "loading"; user?: undefined }
  | { status: "anonymous"; user?: undefined }
  | { status: "signed-in"; user: Me };

export type Auth = AuthState & {
  /** After register / log-in: the account, whose language the UI adopts. */
  signedIn(user: Me): void;
  /** After a change to the account (profile, verification). */
  updateUser(user: Me): void;
  refresh(): Promise<void>;
  logOut(): Promise<void>;
  /** The session ended elsewhere (log out everywhere, an expired session). */
  forget(): void;
};

const AuthContext = createContext<Auth | null>(null);

function hasSessionHint(): boolean {
  return document.cookie.split("; ").some((part) => part.startsWith("lj_csrf="));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [state, setState] = useState<AuthState>(() =>
    hasSessionHint() ? { status: "loading" } : { status: "anonymous" },
  );

  const saving = useRef(false);
  const saveLocale = useCallback((next: Locale) => {
    saving.current = true;
    api
      .patch<MeResult>("/me", { locale: next })
      .then(({ user }) => setState({ status: "signed-in", user }))
      .catch(() => {
        // Not saved on the account; the UI language still changed for this browser.
      })
      .finally(() => {
        saving.current = false;
      });
  }, []);

  const adopt = useCallback(
    (user: Me) => {
      setState({ status: "signed-in", user });
      // A language chosen on this device wins and is saved to the account; a device with no choice
      // takes the account's. Deciding here, not by which async step finishes first, keeps the
      // language after log-in the same on a slow phone and a fast desktop.
      if (!hasStoredLocale()) setLocale(user.locale);
      else if (readStoredLocale() !== user.locale) saveLocale(readStoredLocale());
    },
    [setLocale, saveLocale],
  );

  const refresh = useCallback(async () => {
    try {
      const { user } = await api.get<MeResult>("/me");
      setState({ status: "signed-in", user });
    } catch (error) {
      if (isApiError(error, "unauthenticated")) setState({ status: "anonymous" });
      else setState((s) => (s.status === "loading" ? { status: "anonymous" } : s));
    }
  }, []);

  // First load: ask who we are only when a session cookie is likely there.
  useEffect(() => {
    if (!hasSessionHint()) return;
    api.get<MeResult>("/me").then(
      ({ user }) => adopt(user),
      () => setState({ status: "anonymous" }),
    );
  }, [adopt]);

  // The visitor switched the language (header switch) while signed in: remember it on the account.
  // Only a change of the language counts — not a new `user` (log-in, settings saved) arriving while
  // the previous language is still on screen, which would write that old language back.
  const shownLocale = useRef(locale);
  const user = state.status === "signed-in" ? state.user : undefined;
  useEffect(() => {
    const switched = shownLocale.current !== locale;
    shownLocale.current = locale;
    if (!switched || !user || user.locale === locale || saving.current) return;
    saveLocale(locale);
  }, [user, locale, saveLocale]);

  const logOut = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } catch (error) {
      // An already-dead session is logged out as far as the visitor is concerned.
      if (!isApiError(error, "unauthenticated")) throw error;
    }
    setState({ status: "anonymous" });
  }, []);

  const value = useMemo<Auth>(
    () => ({
      ...state,
      signedIn: adopt,
      updateUser: (next) => setState({ status: "signed-in", user: next }),
      refresh,
      logOut,
      forget: () => setState({ status: "anonymous" }),
    }),
    [state, adopt, refresh, logOut],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth must be used inside <AuthProvider>");
  return auth;
}

export function isOperator(user: Me | undefined): boolean {
  return user?.roles.includes("operator") ?? false;
}

/** Pages for signed-in people (and, with `operator`, for operators only). */
export function RequireAuth({
  operator = false,
  children,
}: {
  operator?: boolean;
  children: (user: Me) => ReactNode;
}) {
  const auth = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (auth.status === "loading") {
    return (
      <div className="container section" role="status">
        <Notice role="none">{t("auth.checking")}</Notice>
      </div>
    );
  }
  if (auth.status === "anonymous") {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (operator && !isOperator(auth.user)) {
    return (
      <section className="container section" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">{t("auth.forbidden.title")}</h1>
        <Notice tone="error">{t("auth.forbidden.body")}</Notice>
      </section>
    );
  }
  return <>{children(auth.user)}</>;
}
