// "My contests" (/contests/mine, as buyer) and "My entries" (/contests/entered, as provider):
// the same list, filtered by buyerId or providerId (the API allows providerId only for oneself).

import { Link, NavLink } from "react-router";
import { useApi } from "../../../api/useApi.ts";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { categoryNames, getCategories, listContests } from "../api.ts";
import { ContestCard, LoadError, Loading } from "../components/ContestBits.tsx";
import { loginHref, useViewer } from "../session.ts";
import { useNow } from "../time.ts";
import "../contests.css";

export function MyContestsPage({ as }: { as: "buyer" | "provider" }) {
  const { t } = useI18n();
  const title = t(as === "buyer" ? "contests.mine.title" : "contests.entered.title");
  useDocumentTitle(title);
  const viewer = useViewer();
  return (
    <div className="container section">
      <header className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="section__lead">
            {t(as === "buyer" ? "contests.mine.lead" : "contests.entered.lead")}
          </p>
        </div>
        <ButtonLink to={as === "buyer" ? "/contests/new" : "/contests"} variant="accent">
          {t(as === "buyer" ? "contests.browse.post" : "contests.entered.find")}
        </ButtonLink>
      </header>
      <nav className="tabs" aria-label={t("contests.mine.tabs")}>
        <NavLink to="/contests/mine" end>
          {t("contests.mine.title")}
        </NavLink>
        <NavLink to="/contests/entered" end>
          {t("contests.entered.title")}
        </NavLink>
      </nav>
      {viewer.status === "loading" && <Loading label={t("contests.loading")} />}
      {viewer.status === "ready" && !viewer.me && (
        <p className="notice">
          <Icon name="lock" size={20} />
          <span>{t("contests.mine.signIn")}</span>
          <Link to={loginHref(as === "buyer" ? "/contests/mine" : "/contests/entered")}>
            {t("contests.enter.signInAction")}
          </Link>
        </p>
      )}
      {viewer.status === "ready" && viewer.me && <MyList as={as} meId={viewer.me.id} />}
    </div>
  );
}

function MyList({ as, meId }: { as: "buyer" | "provider"; meId: string }) {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const categories = useApi((signal) => getCategories(signal), []);
  const names = categoryNames(categories.data);
  const list = useApi(
    (signal) =>
      listContests(as === "buyer" ? { buyerId: meId, limit: 100 } : { providerId: meId, limit: 100 }, signal),
    [as, meId],
  );
  return (
    <section aria-labelledby="my-list" aria-busy={list.status === "loading"}>
      <h2 id="my-list" className="visually-hidden">
        {t(as === "buyer" ? "contests.mine.title" : "contests.entered.title")}
      </h2>
      {list.status === "loading" && <Loading label={t("contests.loading")} />}
      {list.status === "error" && <LoadError error={list.error} retry={list.retry} />}
      {list.status === "ready" && list.data.items.length === 0 && (
        <div className="c-empty">
          <p>{t(as === "buyer" ? "contests.mine.empty" : "contests.entered.empty")}</p>
          <ButtonLink to={as === "buyer" ? "/contests/new" : "/contests"} variant="secondary">
            {t(as === "buyer" ? "contests.browse.post" : "contests.entered.find")}
          </ButtonLink>
        </div>
      )}
      {list.status === "ready" && list.data.items.length > 0 && (
        <ul className="grid grid--3 contest-grid">
          {list.data.items.map((task) => (
            <ContestCard
              key={task.id}
              task={task}
              now={now}
              categoryName={task.categoryId ? names.get(task.categoryId)?.[locale] : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
