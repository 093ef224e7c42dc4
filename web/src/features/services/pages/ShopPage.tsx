// A provider's shop (/shops/:id): who they are (their public profile) and their services; the
// provider themself also sees paused services and may add or edit one.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { PublicProfile } from "../../../../../contracts/accounts.ts";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useParams } from "../../../app/router.tsx";
import { Avatar } from "../../../components/Avatar.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { emptyClass } from "../../../components/ListKit.tsx";
import page from "../../../components/Page.module.css";
import { api } from "../../../lib/api.ts";
import { formatDate } from "../../../lib/dates.ts";
import { useViewer } from "../../contests/session.ts";
import shared from "../../orders/orders.module.css";
import { serviceListQuery } from "../api.ts";
import { ServiceList } from "../components/ServiceBits.tsx";
import styles from "../services.module.css";

export function ShopPage() {
  const { id = "" } = useParams();
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const profile = useQuery({
    queryKey: ["users", id],
    queryFn: ({ signal }) =>
      api.get<{ user: PublicProfile }>(`/users/${encodeURIComponent(id)}`, { signal }).then((r) => r.user),
  });
  const list = useInfiniteQuery(serviceListQuery({ providerId: id, limit: 12 }));
  const name = profile.data?.displayName ?? "";
  useDocumentTitle(name ? t("services.shop.title", { name }) : t("services.shop.loading"));
  const own = viewer.status === "ready" && viewer.me?.id === id;

  return (
    <div className="container section" data-testid="shop-page">
      <header className={cx(page.head, styles.shopHead)}>
        <div className={styles.shopWho}>
          {profile.data && <Avatar name={name} large />}
          <div>
            <p className="eyebrow">{t("services.shop.eyebrow")}</p>
            <h1>{name ? t("services.shop.title", { name }) : t("services.shop.loading")}</h1>
            {profile.data && (
              <p className={shared.muted}>
                {profile.data.verified && <Badge tone="success">{t("services.shop.verified")}</Badge>}{" "}
                {t("services.shop.since", { date: formatDate(profile.data.stats.memberSince, locale) })}
                {" · "}
                <Link to={`/users/${id}`}>{t("services.shop.profile")}</Link>
              </p>
            )}
          </div>
        </div>
        {own && (
          <ButtonLink to="/services/new" variant="accent">
            {t("services.shop.add")}
          </ButtonLink>
        )}
      </header>
      <section aria-labelledby="shop-services" aria-busy={list.isPending}>
        <h2 id="shop-services" className={styles.sectionTitle}>
          {t("services.shop.services")}
        </h2>
        <ServiceList
          list={list}
          showProvider={false}
          empty={
            <div className={emptyClass}>
              <p>{t(own ? "services.shop.emptyOwn" : "services.shop.empty")}</p>
              {own && (
                <ButtonLink to="/services/new" variant="secondary">
                  {t("services.shop.add")}
                </ButtonLink>
              )}
            </div>
          }
        />
      </section>
    </div>
  );
}
