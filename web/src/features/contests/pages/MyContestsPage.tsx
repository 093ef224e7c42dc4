// "My contests" (/contests/mine, as buyer) and "My entries" (/contests/entered, as provider):
// the same list, filtered by buyerId or providerId (the API allows providerId only for oneself).

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, NavLink } from "../../../app/router.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { Tabs } from "../../../components/Tabs.tsx";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { useNow } from "../../../lib/dates.ts";
import { contestListQuery } from "../api.ts";
import { ContestList } from "../components/ContestBits.tsx";
import { loginHref, useViewer } from "../session.ts";

export function MyContestsPage({ as }: { as: "buyer" | "provider" }) {
  const { t } = useI18n();
  const title = t(as === "buyer" ? "contests.mine.title" : "contests.entered.title");
  useDocumentTitle(title);
  const viewer = useViewer();
  return (
    <div className="container section">
      <header className={page.head}>
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
      <Tabs label={t("contests.mine.tabs")}>
        <NavLink to="/contests/mine">{t("contests.mine.title")}</NavLink>
        <NavLink to="/contests/entered">{t("contests.entered.title")}</NavLink>
      </Tabs>
      {viewer.status === "loading" && (
        <p className="visually-hidden" role="status">
          {t("contests.loading")}
        </p>
      )}
      {viewer.status === "ready" && !viewer.me && (
        <Notice
          icon="lock"
          action={
            <Link to={loginHref(as === "buyer" ? "/contests/mine" : "/contests/entered")}>
              {t("contests.enter.signInAction")}
            </Link>
          }
        >
          {t("contests.mine.signIn")}
        </Notice>
      )}
      {viewer.status === "ready" && viewer.me && <MyList as={as} meId={viewer.me.id} />}
    </div>
  );
}

function MyList({ as, meId }: { as: "buyer" | "provider"; meId: string }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const categories = useQuery(categoriesQuery);
  const list = useInfiniteQuery(
    contestListQuery(as === "buyer" ? { buyerId: meId, limit: 100 } : { providerId: meId, limit: 100 }),
  );
  return (
    <section aria-labelledby="my-list" aria-busy={list.isPending}>
      <h2 id="my-list" className="visually-hidden">
        {t(as === "buyer" ? "contests.mine.title" : "contests.entered.title")}
      </h2>
      <ContestList
        list={list}
        now={now}
        names={categoryNames(categories.data)}
        empty={
          <>
            <p>{t(as === "buyer" ? "contests.mine.empty" : "contests.entered.empty")}</p>
            <ButtonLink to={as === "buyer" ? "/contests/new" : "/contests"} variant="secondary">
              {t(as === "buyer" ? "contests.browse.post" : "contests.entered.find")}
            </ButtonLink>
          </>
        }
      />
    </section>
  );
}
