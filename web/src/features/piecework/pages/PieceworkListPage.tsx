// Browse piece-rate tasks (/piecework): newest first, each with its unit price, progress and
// deadline; "load more" over the API's cursor.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { Card, cardTitleClass } from "../../../components/Card.tsx";
import { emptyClass, LoadMore } from "../../../components/ListKit.tsx";
import page from "../../../components/Page.module.css";
import { formatDateTime } from "../../../lib/dates.ts";
import { isPiecework, pieceworkListQuery } from "../api.ts";
import { PieceworkStatus, Progress } from "../components/PieceBits.tsx";
import styles from "../piecework.module.css";

export function PieceworkListPage() {
  const { t, locale, money } = useI18n();
  useDocumentTitle(t("piecework.browse.title"));
  const list = useInfiniteQuery(pieceworkListQuery({ limit: 12 }));
  const tasks = (list.data?.pages ?? []).flatMap((p) => p.items).filter(isPiecework);
  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("piecework.mode")}</p>
          <h1>{t("piecework.browse.title")}</h1>
          <p className="section__lead">{t("piecework.browse.lead")}</p>
        </div>
        <ButtonLink to="/piecework/new" variant="accent">
          {t("piecework.browse.post")}
        </ButtonLink>
      </header>
      <section aria-labelledby="piecework-results" aria-busy={list.isPending}>
        <h2 id="piecework-results" className="visually-hidden">
          {t("piecework.browse.results")}
        </h2>
        <AsyncView
          query={{
            status: list.status,
            error: list.error,
            data: list.data ? tasks : undefined,
            refetch: list.refetch as never,
          }}
          loadingLabel={t("piecework.loading")}
          skeletons={3}
          empty={<p className={emptyClass}>{t("piecework.browse.empty")}</p>}
        >
          {(items) => (
            <ul className={styles.cards}>
              {items.map((task) => (
                <Card as="li" key={task.id} className={styles.card}>
                  <div className={styles.badges}>
                    <PieceworkStatus status={task.status} />
                  </div>
                  <h3 className={cardTitleClass}>
                    <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                  </h3>
                  <p className={styles.card__unit}>
                    {t("piecework.card.unit", { amount: money(task.unitPriceMinor, { trimWholeFen: true }) })}
                  </p>
                  <Progress task={task} id={`card-${task.id}`} />
                  <p className={styles.card__meta}>
                    <span>
                      {t("piecework.card.deadline", { date: formatDateTime(task.deadline, locale) })}
                    </span>
                  </p>
                </Card>
              ))}
            </ul>
          )}
        </AsyncView>
        <LoadMore list={list} more={t("piecework.browse.more")} loading={t("piecework.loading")} />
      </section>
    </div>
  );
}
