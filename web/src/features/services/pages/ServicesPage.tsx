// Browse services (/services): search, category and sort in the URL, "load more" over the cursor.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { emptyClass, useUrlFilters } from "../../../components/ListKit.tsx";
import page from "../../../components/Page.module.css";
import { categoriesQuery } from "../../../lib/categories.ts";
import { CategoryOptions } from "../../contests/components/ContestBits.tsx";
import shared from "../../orders/orders.module.css";
import { serviceListQuery } from "../api.ts";
import { ServiceList } from "../components/ServiceBits.tsx";

const SORTS = ["newest", "price_asc", "price_desc"] as const;
type Sort = (typeof SORTS)[number];

export function ServicesPage() {
  const { t } = useI18n();
  useDocumentTitle(t("services.browse.title"));
  const [params, set] = useUrlFilters();
  const categoryId = params.get("category") ?? "";
  const q = params.get("q") ?? "";
  const sort: Sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "")
    ? (params.get("sort") as Sort)
    : "newest";
  const [search, setSearch] = useState(q);
  const categories = useQuery(categoriesQuery);
  const list = useInfiniteQuery(
    serviceListQuery({ categoryId: categoryId || undefined, q: q || undefined, sort, limit: 12 }),
  );

  // Search as one types, a moment after the last key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts a search.
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = window.setTimeout(() => set("q", search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <h1>{t("services.browse.title")}</h1>
          <p className="section__lead">{t("services.browse.lead")}</p>
        </div>
        <ButtonLink to="/services/new" variant="accent">
          {t("services.browse.offer")}
        </ButtonLink>
      </header>
      <form
        className={shared.filters}
        onSubmit={(e) => e.preventDefault()}
        aria-label={t("services.browse.filters")}
      >
        <TextField
          id="service-q"
          type="search"
          label={t("services.browse.search")}
          value={search}
          maxLength={100}
          onChange={(e) => setSearch(e.target.value)}
        />
        <SelectField
          id="service-category"
          label={t("services.browse.category")}
          value={categoryId}
          onChange={(e) => set("category", e.target.value)}
        >
          <option value="">{t("services.browse.allCategories")}</option>
          <CategoryOptions tree={categories.data} allOf />
        </SelectField>
        <SelectField
          id="service-sort"
          label={t("services.browse.sort")}
          value={sort}
          onChange={(e) => set("sort", e.target.value === "newest" ? "" : e.target.value)}
        >
          <option value="newest">{t("services.browse.sortNewest")}</option>
          <option value="price_asc">{t("services.browse.sortPriceAsc")}</option>
          <option value="price_desc">{t("services.browse.sortPriceDesc")}</option>
        </SelectField>
      </form>
      <section aria-labelledby="service-results" aria-busy={list.isPending}>
        <h2 id="service-results" className="visually-hidden">
          {t("services.browse.results")}
        </h2>
        <ServiceList
          list={list}
          empty={
            <div className={emptyClass}>
              <p>{t(categoryId || q ? "services.browse.emptyFiltered" : "services.browse.empty")}</p>
              <ButtonLink to="/services/new" variant="secondary">
                {t("services.browse.offer")}
              </ButtonLink>
            </div>
          }
        />
      </section>
    </div>
  );
}
