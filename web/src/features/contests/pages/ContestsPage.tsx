// Browse contests (/contests): filter by category and status, sort by newest / prize / deadline,
// "load more" pagination over the API's cursor; the filters live in the URL so a view can be shared.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { SelectField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { useUrlFilters } from "../../../components/ListKit.tsx";
import page from "../../../components/Page.module.css";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { useNow } from "../../../lib/dates.ts";
import { contestListQuery, type TaskStatus } from "../api.ts";
import { CategoryOptions, ContestList, statusKey } from "../components/ContestBits.tsx";
import styles from "../contests.module.css";

const STATUSES: TaskStatus[] = ["open", "selecting", "awarded", "completed", "refunded", "cancelled"];
const SORTS = ["newest", "prize", "deadline"] as const;
type Sort = (typeof SORTS)[number];

export function ContestsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("contests.browse.title"));
  const [params, setFilter] = useUrlFilters();
  const categoryId = params.get("category") ?? "";
  const status = (STATUSES as string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as TaskStatus)
    : undefined;
  const sort: Sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "")
    ? (params.get("sort") as Sort)
    : "newest";
  const now = useNow(30_000);
  // Phones: the filters fold behind one button (they filled the first screen); wider screens show them.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [categoryId, status, sort !== "newest" ? sort : ""].filter(Boolean).length;

  const categories = useQuery(categoriesQuery);
  const names = categoryNames(categories.data);
  const list = useInfiniteQuery(
    contestListQuery({ categoryId: categoryId || undefined, status, sort, limit: 12 }),
  );

  return (
    <div className="container section contests-page">
      <header className={page.head}>
        <div>
          <h1>{t("contests.browse.title")}</h1>
          <p className="section__lead">{t("contests.browse.lead")}</p>
        </div>
        <ButtonLink to="/contests/new" variant="accent">
          {t("contests.browse.post")}
        </ButtonLink>
      </header>

      <Button
        variant="secondary"
        size="sm"
        className={styles["filters-toggle"]}
        aria-expanded={filtersOpen}
        aria-controls="contest-filters"
        onClick={() => setFiltersOpen((open) => !open)}
        data-testid="filters-toggle"
      >
        <Icon name="plus" size={16} />
        {activeFilters > 0
          ? t("contests.filters.active", { count: activeFilters })
          : t("contests.filters.toggle")}
      </Button>
      <form
        id="contest-filters"
        className={cx(styles.filters, !filtersOpen && styles["filters--folded"])}
        aria-label={t("contests.browse.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          id="filter-category"
          label={t("contests.browse.category")}
          value={categoryId}
          onChange={(e) => setFilter("category", e.target.value)}
        >
          <option value="">{t("contests.browse.allCategories")}</option>
          <CategoryOptions tree={categories.data} allOf />
        </SelectField>
        <SelectField
          id="filter-status"
          label={t("contests.browse.status")}
          value={status ?? ""}
          onChange={(e) => setFilter("status", e.target.value)}
        >
          <option value="">{t("contests.browse.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey[s])}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-sort"
          label={t("contests.browse.sort")}
          value={sort}
          onChange={(e) => setFilter("sort", e.target.value === "newest" ? "" : e.target.value)}
        >
          <option value="newest">{t("contests.browse.sortNewest")}</option>
          <option value="prize">{t("contests.browse.sortPrize")}</option>
          <option value="deadline">{t("contests.browse.sortDeadline")}</option>
        </SelectField>
      </form>

      <section aria-labelledby="contest-results" aria-busy={list.isPending}>
        <h2 id="contest-results" className="visually-hidden">
          {t("contests.browse.results")}
        </h2>
        <ContestList
          list={list}
          now={now}
          names={names}
          counted
          empty={
            <>
              <p>{t(categoryId || status ? "contests.browse.emptyFiltered" : "contests.browse.empty")}</p>
              <ButtonLink to="/contests/new" variant="secondary">
                {t("contests.browse.post")}
              </ButtonLink>
            </>
          }
        />
      </section>
    </div>
  );
}
