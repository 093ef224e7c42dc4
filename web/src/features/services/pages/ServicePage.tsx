// One service (/services/:id): gallery, description, the packages side by side with an order link
// each (→ checkout); its provider sees edit and pause / resume instead.
import { useQuery } from "@tanstack/react-query";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { cx } from "../../../components/cx.ts";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { categoriesQuery, categoryNames } from "../../../lib/categories.ts";
import { useViewer } from "../../contests/session.ts";
import { ThreadPanel } from "../../messages/components/ThreadPanel.tsx";
import shared from "../../orders/orders.module.css";
import { type Service, serviceErrors, serviceQuery } from "../api.ts";
import { Gallery, OwnerBar, Packages, ServiceStatusBadge } from "../components/ServiceBits.tsx";
import styles from "../services.module.css";

export function ServicePage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const service = useQuery(serviceQuery(id));
  useDocumentTitle(service.data?.title ?? t("services.loading"));
  if (!service.data) {
    return (
      <div className={cx("container", "section", shared.loading)}>
        <AsyncView query={service} loadingLabel={t("services.loading")} skeletons={1} errors={serviceErrors}>
          {() => null}
        </AsyncView>
        {service.isError && (
          <p>
            <Link to="/services">{t("services.page.back")}</Link>
          </p>
        )}
      </div>
    );
  }
  return <ServiceView service={service.data} />;
}

function ServiceView({ service }: { service: Service }) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const own = viewer.status === "ready" && viewer.me?.id === service.providerId;
  const categories = useQuery(categoriesQuery);
  const category = service.categoryId
    ? categoryNames(categories.data).get(service.categoryId)?.[locale]
    : undefined;
  return (
    <article aria-labelledby="service-title" data-testid="service-page">
      <header className={shared.hero}>
        <div className="container">
          <nav aria-label={t("services.page.breadcrumb")} className={shared.breadcrumb}>
            <Link to="/services">{t("services.browse.title")}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={`/shops/${service.providerId}`}>{service.provider.displayName}</Link>
          </nav>
          <div className={shared.badges}>
            <Badge tone="accent">{t("services.mode")}</Badge>
            <ServiceStatusBadge status={service.status} />
            {category && <span className={shared.muted}>{category}</span>}
          </div>
          <h1 id="service-title" className={shared.hero__title}>
            {service.title}
          </h1>
          <p className={shared.muted}>
            {t("services.page.by")}{" "}
            <Link to={`/shops/${service.providerId}`}>{service.provider.displayName}</Link>
          </p>
        </div>
      </header>
      <div className={cx("container", styles.serviceBody)}>
        {own && <OwnerBar service={service} />}
        {service.status === "paused" && !own && <Notice tone="warn">{t("services.page.pausedNote")}</Notice>}
        <Gallery service={service} />
        <section aria-labelledby="pkg-title" className={shared.section}>
          <h2 id="pkg-title">{t("services.page.packages")}</h2>
          <Packages service={service} orderable={!own && service.status === "active"} />
          <p className={cx(shared.muted, shared.small, styles.escrowNote)}>
            <Icon name="shield" size={16} /> {t("services.page.escrowNote")}
          </p>
        </section>
        <section aria-labelledby="desc-title" className={shared.section}>
          <h2 id="desc-title">{t("services.page.description")}</h2>
          <p className={shared.prose}>{service.description}</p>
        </section>
        {/* Ask the provider before ordering; the provider reads the questions (messages feature). */}
        <ThreadPanel subject={{ type: "service", id: service.id }} ownerId={service.providerId} />
      </div>
    </article>
  );
}
