// Browse tenders (/tenders): filter by category and status (in the URL), "load more" over the cursor.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { SelectField } from "../../../components/Field.tsx";
import { emptyClass, LoadMore, useUrlFilters } from "../../../components/ListKit.tsx";
import page from "../../../components/Page.module.css";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { CategoryOptions } from "../../contests/components/ContestBits.tsx";
import shared from "../../orders/orders.module.css";
import { type TenderStatus, tenderErrors, tenderErrorText, tenderListQuery } from "../api.ts";
import { TenderCard, tenderStatusKey } from "../components/TenderBits.tsx";

const STATUSES: TenderStatus[] = ["open", "hired", "closed"];

export function TendersPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("tenders.browse.title"));
  const [params, set] = useUrlFilters();
  const categoryId = params.get("category") ?? "";
  const raw = params.get("status") ?? "";
  const status = (STATUSES as string[]).includes(raw) ? raw : undefined;
  const categories = useQuery(categoriesQuery);
  const names = categoryNames(categories.data);
  const list = useInfiniteQuery(tenderListQuery({ categoryId: categoryId || undefined, status, limit: 12 }));

  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <h1>{t("tenders.browse.title")}</h1>
          <p className="section__lead">{t("tenders.browse.lead")}</p>
        </div>
        <ButtonLink to="/tenders/new" variant="accent">
          {t("tenders.browse.post")}
        </ButtonLink>
      </header>
      <form
        className={shared.filters}
        onSubmit={(e) => e.preventDefault()}
        aria-label={t("tenders.browse.filters")}
      >
        <SelectField
          id="tender-category"
          label={t("tenders.browse.category")}
          value={categoryId}
          onChange={(e) => set("category", e.target.value)}
        >
          <option value="">{t("tenders.browse.allCategories")}</option>
          <CategoryOptions tree={categories.data} allOf />
        </SelectField>
        <SelectField
          id="tender-status"
          label={t("tenders.browse.status")}
          value={status ?? ""}
          onChange={(e) => set("status", e.target.value)}
        >
          <option value="">{t("tenders.browse.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(tenderStatusKey[s] ?? "tenders.status.closed")}
            </option>
          ))}
        </SelectField>
      </form>
      <section aria-labelledby="tender-results" aria-busy={list.isPending}>
        <h2 id="tender-results" className="visually-hidden">
          {t("tenders.browse.results")}
        </h2>
        <AsyncView
          query={list}
          loadingLabel={t("tenders.loading")}
          skeletons={1}
          errors={tenderErrors}
          isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
          empty={
            <div className={emptyClass}>
              <p>{t(categoryId || status ? "tenders.browse.emptyFiltered" : "tenders.browse.empty")}</p>
              <ButtonLink to="/tenders/new" variant="secondary">
                {t("tenders.browse.post")}
              </ButtonLink>
            </div>
          }
        >
          {(data) => (
            <>
              <ul className={cx("grid", "grid--3", shared.list)}>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((task) => (
                    <TenderCard
                      key={task.id}
                      task={task}
                      categoryName={task.categoryId ? names.get(task.categoryId)?.[locale] : undefined}
                    />
                  ))}
              </ul>
              <LoadMore
                list={list}
                more={t("tenders.browse.more")}
                loading={t("tenders.loading")}
                error={() => tenderErrorText(t, list.error)}
              />
            </>
          )}
        </AsyncView>
      </section>
    </div>
  );
}
