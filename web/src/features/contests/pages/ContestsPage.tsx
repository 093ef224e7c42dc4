// Browse contests (/contests): filter by category and status, sort by newest / prize / deadline,
// "load more" pagination over the API's cursor; the filters live in the URL so a view can be shared.
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../../../api/useApi.ts";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { categoryNames, getCategories, listContests, type Task, type TaskStatus } from "../api.ts";
import { ContestCard, LoadError, Loading, statusKey } from "../components/ContestBits.tsx";
import { useNow } from "../time.ts";
import "../contests.css";

const STATUSES: TaskStatus[] = ["open", "selecting", "awarded", "completed", "refunded", "cancelled"];
const SORTS = ["newest", "prize", "deadline"] as const;
type Sort = (typeof SORTS)[number];

export function ContestsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("contests.browse.title"));
  const [params, setParams] = useSearchParams();
  const categoryId = params.get("category") ?? "";
  const status = (STATUSES as string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as TaskStatus)
    : undefined;
  const sort: Sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "")
    ? (params.get("sort") as Sort)
    : "newest";
  const now = useNow(30_000);

  const categories = useApi((signal) => getCategories(signal), []);
  const names = categoryNames(categories.data);
  const first = useApi(
    (signal) => listContests({ categoryId: categoryId || undefined, status, sort, limit: 12 }, signal),
    [categoryId, status, sort],
  );
  // Further pages, appended under the first.
  const [more, setMore] = useState<{
    items: Task[];
    nextCursor: string | null;
    loading: boolean;
    error?: unknown;
  }>({
    items: [],
    nextCursor: null,
    loading: false,
  });
  useEffect(() => {
    if (first.status === "ready") setMore({ items: [], nextCursor: first.data.nextCursor, loading: false });
  }, [first.status, first.data]);

  async function loadMore() {
    if (!more.nextCursor) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await listContests({
        categoryId: categoryId || undefined,
        status,
        sort,
        limit: 12,
        cursor: more.nextCursor,
      });
      setMore((m) => ({ items: [...m.items, ...page.items], nextCursor: page.nextCursor, loading: false }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  }

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  const items = first.status === "ready" ? [...first.data.items, ...more.items] : [];
  return (
    <div className="container section contests-page">
      <header className="page-head">
        <div>
          <h1>{t("contests.browse.title")}</h1>
          <p className="section__lead">{t("contests.browse.lead")}</p>
        </div>
        <ButtonLink to="/contests/new" variant="accent">
          {t("contests.browse.post")}
        </ButtonLink>
      </header>

      <form
        className="filters"
        aria-label={t("contests.browse.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="c-field">
          <label htmlFor="filter-category">{t("contests.browse.category")}</label>
          <select
            id="filter-category"
            value={categoryId}
            onChange={(e) => setFilter("category", e.target.value)}
          >
            <option value="">{t("contests.browse.allCategories")}</option>
            {categories.data?.items.map((c) => (
              <optgroup key={c.id} label={c.name[locale]}>
                <option value={c.id}>{t("contests.browse.allOf", { name: c.name[locale] })}</option>
                {c.children.map((child) => (
                  <option key={child.id} value={child.id}>
                    {child.name[locale]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="c-field">
          <label htmlFor="filter-status">{t("contests.browse.status")}</label>
          <select
            id="filter-status"
            value={status ?? ""}
            onChange={(e) => setFilter("status", e.target.value)}
          >
            <option value="">{t("contests.browse.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="c-field">
          <label htmlFor="filter-sort">{t("contests.browse.sort")}</label>
          <select
            id="filter-sort"
            value={sort}
            onChange={(e) => setFilter("sort", e.target.value === "newest" ? "" : e.target.value)}
          >
            <option value="newest">{t("contests.browse.sortNewest")}</option>
            <option value="prize">{t("contests.browse.sortPrize")}</option>
            <option value="deadline">{t("contests.browse.sortDeadline")}</option>
          </select>
        </div>
      </form>

      <section aria-labelledby="contest-results" aria-busy={first.status === "loading"}>
        <h2 id="contest-results" className="visually-hidden">
          {t("contests.browse.results")}
        </h2>
        {first.status === "loading" && <Loading label={t("contests.loading")} />}
        {first.status === "error" && <LoadError error={first.error} retry={first.retry} />}
        {first.status === "ready" && items.length === 0 && (
          <div className="c-empty">
            <p>{t(categoryId || status ? "contests.browse.emptyFiltered" : "contests.browse.empty")}</p>
            <ButtonLink to="/contests/new" variant="secondary">
              {t("contests.browse.post")}
            </ButtonLink>
          </div>
        )}
        {items.length > 0 && (
          <>
            <p className="results-count" aria-live="polite">
              {t("contests.browse.shown", { count: items.length })}
            </p>
            <ul className="grid grid--3 contest-grid">
              {items.map((task) => (
                <ContestCard
                  key={task.id}
                  task={task}
                  now={now}
                  categoryName={task.categoryId ? names.get(task.categoryId)?.[locale] : undefined}
                />
              ))}
            </ul>
          </>
        )}
        {more.error !== undefined && <LoadError error={more.error} />}
        {first.status === "ready" && more.nextCursor && (
          <div className="load-more">
            <Button variant="secondary" onClick={loadMore} disabled={more.loading}>
              {t(more.loading ? "contests.loading" : "contests.browse.more")}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}
