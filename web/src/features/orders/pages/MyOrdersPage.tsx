// "My orders" (/orders): the orders I buy and the ones I provide (tabs, in the URL as ?role=),
// filtered by status, page by page over the API's cursor.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { SelectField } from "../../../components/Field.tsx";
import { emptyClass, LoadMore, useUrlFilters } from "../../../components/ListKit.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { Tabs } from "../../../components/Tabs.tsx";
import { loginHref, useViewer } from "../../contests/session.ts";
import { ORDER_STATUSES, type OrderStatus, orderErrors, orderErrorText, orderListQuery } from "../api.ts";
import { OrderCard, orderStatusKey } from "../components/OrderBits.tsx";
import styles from "../orders.module.css";

export function MyOrdersPage() {
  const { t } = useI18n();
  useDocumentTitle(t("orders.mine.title"));
  const viewer = useViewer();
  const [params, set] = useUrlFilters();
  const role = params.get("role") === "provider" ? "provider" : "buyer";
  const raw = params.get("status") ?? "";
  const status = (ORDER_STATUSES as readonly string[]).includes(raw) ? (raw as OrderStatus) : undefined;

  const tabHref = (r: "buyer" | "provider") => {
    const next = new URLSearchParams(params);
    next.set("role", r);
    return `/orders?${next.toString()}`;
  };

  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <h1>{t("orders.mine.title")}</h1>
          <p className="section__lead">{t("orders.mine.lead")}</p>
        </div>
      </header>
      {viewer.status === "ready" && !viewer.me && (
        <Notice icon="lock" action={<Link to={loginHref("/orders")}>{t("orders.signInAction")}</Link>}>
          {t("orders.mine.signIn")}
        </Notice>
      )}
      {viewer.status === "ready" && viewer.me && (
        <>
          <Tabs label={t("orders.mine.tabs")}>
            <Link to={tabHref("buyer")} aria-current={role === "buyer" ? "page" : undefined} replace>
              {t("orders.mine.asBuyer")}
            </Link>
            <Link to={tabHref("provider")} aria-current={role === "provider" ? "page" : undefined} replace>
              {t("orders.mine.asProvider")}
            </Link>
          </Tabs>
          <form
            className={styles.filters}
            onSubmit={(e) => e.preventDefault()}
            aria-label={t("orders.mine.filters")}
          >
            <SelectField
              id="order-status"
              label={t("orders.mine.status")}
              value={status ?? ""}
              onChange={(e) => set("status", e.target.value)}
            >
              <option value="">{t("orders.mine.allStatuses")}</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(orderStatusKey[s])}
                </option>
              ))}
            </SelectField>
          </form>
          <OrderList role={role} status={status} />
        </>
      )}
    </div>
  );
}

function OrderList({ role, status }: { role: "buyer" | "provider"; status?: OrderStatus }) {
  const { t } = useI18n();
  const list = useInfiniteQuery(orderListQuery({ role, status, limit: 20 }));
  return (
    <section aria-labelledby="orders-list" aria-busy={list.isPending}>
      <h2 id="orders-list" className="visually-hidden">
        {t(role === "buyer" ? "orders.mine.asBuyer" : "orders.mine.asProvider")}
      </h2>
      <AsyncView
        query={list}
        loadingLabel={t("orders.loading")}
        skeletons={1}
        errors={orderErrors}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={
          <div className={emptyClass}>
            <p>
              {t(
                status
                  ? "orders.mine.emptyFiltered"
                  : role === "buyer"
                    ? "orders.mine.emptyBuyer"
                    : "orders.mine.emptyProvider",
              )}
            </p>
            <div className="button-row">
              <ButtonLink to={role === "buyer" ? "/services" : "/tenders"} variant="secondary">
                {t(role === "buyer" ? "orders.mine.findService" : "orders.mine.findTender")}
              </ButtonLink>
            </div>
          </div>
        }
      >
        {(data) => (
          <>
            <ul className={cx("grid", "grid--3", styles.list)}>
              {data.pages
                .flatMap((p) => p.items)
                .map((order) => (
                  <OrderCard key={order.id} order={order} as={role} />
                ))}
            </ul>
            <LoadMore
              list={list}
              more={t("orders.more")}
              loading={t("orders.loading")}
              error={() => orderErrorText(t, list.error)}
            />
          </>
        )}
      </AsyncView>
    </section>
  );
}
