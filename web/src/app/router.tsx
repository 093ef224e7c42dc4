// The app's router: the History API and the page list of contracts/web-routes.ts, nothing more.
// (react-router was 13 kB of the first load's gzipped JS; the home page has a 100 kB budget.)
// Navigations are transitions, so the current page stays on screen while the next one's chunk loads.
import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import type { WebRouteName } from "../../../contracts/web-routes.ts";
import { matchRoute } from "./match-route.ts";

export type Location = { pathname: string; search: string; hash: string };
export type NavigateOptions = { replace?: boolean };
type Navigate = (to: string, options?: NavigateOptions) => void;

type RouterState = { location: Location; navigate: Navigate };
const RouterContext = createContext<RouterState | null>(null);
const ParamsContext = createContext<Record<string, string>>({});

function readLocation(): Location {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

/** Holds the location; links and navigate() push history entries, Back and Forward come back here. */
export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const onPop = () => startTransition(() => setLocation(readLocation()));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback<Navigate>((to, options = {}) => {
    window.history[options.replace ? "replaceState" : "pushState"](null, "", to);
    startTransition(() => setLocation(readLocation()));
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext value={value}>{children}</RouterContext>;
}

function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error("used outside <Router>");
  return router;
}

export function useLocation(): Location {
  return useRouter().location;
}

export function useNavigate(): Navigate {
  return useRouter().navigate;
}

export function useParams(): Record<string, string | undefined> {
  return useContext(ParamsContext);
}

export function useSearchParams(): [
  URLSearchParams,
  (next: URLSearchParams, options?: NavigateOptions) => void,
] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const setParams = useCallback(
    (next: URLSearchParams, options?: NavigateOptions) => {
      const search = next.toString();
      navigate(`${location.pathname}${search ? `?${search}` : ""}`, options);
    },
    [location.pathname, navigate],
  );
  return [params, setParams];
}

/** The page for the current path (or `notFound`), keyed by route so each page starts fresh. */
export function Routes({ pages, notFound }: { pages: Record<WebRouteName, ReactNode>; notFound: ReactNode }) {
  const { pathname } = useLocation();
  const match = matchRoute(pathname);
  if (!match) return <>{notFound}</>;
  return (
    <ParamsContext key={match.name} value={match.params}>
      {pages[match.name]}
    </ParamsContext>
  );
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: string;
  replace?: boolean;
};

/** A real link (open in a new tab works); a plain click navigates inside the app. */
export function Link({ to, replace, onClick, target, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  function click(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (target && target !== "_self")
    ) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace });
  }
  return <a href={to} target={target} onClick={click} {...rest} />;
}

/** A link that says when it is the current page (aria-current), for tabs and menus. */
export function NavLink({ to, ...rest }: LinkProps) {
  const { pathname } = useLocation();
  const current = pathname.replace(/\/+$/, "") === to.replace(/\/+$/, "");
  return <Link to={to} aria-current={current ? "page" : undefined} {...rest} />;
}

/** Goes to `to` once rendered (a guard sending a visitor to log in). */
export function Navigate({ to, replace }: { to: string; replace?: boolean }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace }), [navigate, to, replace]);
  return null;
}
