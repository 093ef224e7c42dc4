// Pieces the service pages share: the service card (browse, shop), its status badge, the gallery
// strip, the list with "load more", and the packages side by side (basic / standard / premium).
import { type InfiniteData, type UseInfiniteQueryResult, useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card, cardTitleClass } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Icon } from "../../../components/Icon.tsx";
import { LoadMore } from "../../../components/ListKit.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api } from "../../../lib/api.ts";
import shared from "../../orders/orders.module.css";
import {
  type Service,
  type ServiceList as ServiceListPage,
  type ServicePackage,
  type ServiceStatus,
  serviceErrors,
  serviceErrorText,
  tierKey,
  useServiceChanged,
} from "../api.ts";
import styles from "../services.module.css";

export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  const { t } = useI18n();
  if (status === "active") return null;
  return (
    <Badge tone="muted">{t(status === "paused" ? "services.status.paused" : "services.status.hidden")}</Badge>
  );
}

export function ServiceCard({ service, showProvider = true }: { service: Service; showProvider?: boolean }) {
  const { t, money } = useI18n();
  const titleId = `service-${service.id}-title`;
  const cover = service.gallery[0];
  return (
    <Card
      as="li"
      className={cx(shared.card, styles.card)}
      aria-labelledby={titleId}
      data-testid="service-card"
    >
      <div className={styles.cover} aria-hidden="true">
        {cover?.thumbnailUrl ? (
          <img src={cover.thumbnailUrl} alt="" loading="lazy" width={320} height={200} />
        ) : (
          <Icon name="shop" size={40} />
        )}
      </div>
      <div className={shared.card__head}>
        <ServiceStatusBadge status={service.status} />
        <span className={shared.muted}>
          {t("services.card.packages", { count: service.packages.length })}
        </span>
      </div>
      <h3 id={titleId} className={cardTitleClass}>
        <Link to={`/services/${service.id}`}>{service.title}</Link>
      </h3>
      {showProvider && (
        <p className={shared.muted}>
          <Link to={`/shops/${service.providerId}`}>{service.provider.displayName}</Link>
        </p>
      )}
      <p className={shared.card__amount}>
        {t("services.card.from", { amount: money(service.fromPriceMinor, { trimWholeFen: true }) })}
      </p>
    </Card>
  );
}

export function ServiceList({
  list,
  empty,
  showProvider,
}: {
  list: UseInfiniteQueryResult<InfiniteData<ServiceListPage, unknown>>;
  empty: ReactNode;
  showProvider?: boolean;
}) {
  const { t } = useI18n();
  return (
    <AsyncView
      query={list}
      loadingLabel={t("services.loading")}
      skeletons={1}
      errors={serviceErrors}
      isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
      empty={empty}
    >
      {(data) => (
        <>
          <ul className={cx("grid", "grid--3", shared.list)}>
            {data.pages
              .flatMap((p) => p.items)
              .map((service) => (
                <ServiceCard key={service.id} service={service} showProvider={showProvider} />
              ))}
          </ul>
          <LoadMore
            list={list}
            more={t("services.more")}
            loading={t("services.loading")}
            error={() => serviceErrorText(t, list.error)}
          />
        </>
      )}
    </AsyncView>
  );
}

/** The packages side by side (a row of cards; stacked on a phone), each with its order link. */
export function Packages({
  service,
  orderable,
}: {
  service: Service;
  /** Whether the viewer may order (not the provider, the service active). */
  orderable: boolean;
}) {
  const { t, money } = useI18n();
  return (
    <ul
      className={cx(styles.packages, styles[`packages--${service.packages.length}`])}
      aria-label={t("services.page.packages")}
      data-testid="packages"
    >
      {service.packages.map((p: ServicePackage) => {
        const id = `pkg-${service.id}-${p.tier}`;
        return (
          <li
            key={p.tier}
            className={cx(styles.package, p.tier === "standard" && styles["package--featured"])}
            aria-labelledby={id}
          >
            <h3 id={id} className={styles.package__tier}>
              {t(tierKey[p.tier])}
            </h3>
            <p className={styles.package__price}>{money(p.priceMinor, { trimWholeFen: true })}</p>
            <ul className={styles.package__facts}>
              <li>
                <Icon name="clock" size={16} />
                {t("services.pkg.days", { count: p.deliveryDays })}
              </li>
              <li>
                <Icon name="arrow" size={16} />
                {t("services.pkg.revisions", { count: p.revisions })}
              </li>
            </ul>
            {p.description && <p className={styles.package__desc}>{p.description}</p>}
            {orderable && (
              <ButtonLink
                to={`/services/${service.id}/checkout?tier=${p.tier}`}
                variant={p.tier === "standard" ? "accent" : "primary"}
                block
                aria-label={t("services.pkg.orderWhich", { tier: t(tierKey[p.tier]) })}
              >
                {t("services.pkg.order", { amount: money(p.priceMinor, { trimWholeFen: true }) })}
              </ButtonLink>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function Gallery({ service }: { service: Service }) {
  const { t } = useI18n();
  if (service.gallery.length === 0) return null;
  return (
    <ul className={styles.gallery} aria-label={t("services.page.gallery")}>
      {service.gallery.map((img) => (
        <li key={img.id}>
          <a href={img.previewUrl ?? img.thumbnailUrl ?? "#"} target="_blank" rel="noreferrer">
            <img
              src={img.thumbnailUrl ?? img.previewUrl ?? ""}
              alt={img.name}
              width={img.width ?? 320}
              height={img.height ?? 240}
              loading="lazy"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The provider's own bar on their service: edit (unless already editing), pause / resume. */
export function OwnerBar({ service, editing }: { service: Service; editing?: boolean }) {
  const { t } = useI18n();
  const changed = useServiceChanged();
  const toggle = useMutation({
    mutationFn: () =>
      api.post<{ service: Service }>(
        `/services/${encodeURIComponent(service.id)}/${service.status === "paused" ? "resume" : "pause"}`,
        {},
      ),
    onSuccess: () => changed(),
  });
  return (
    <Card className={styles.ownerBar} data-testid="owner-bar">
      <p>
        {t(
          service.status === "hidden"
            ? "services.owner.hidden"
            : service.status === "paused"
              ? "services.owner.paused"
              : "services.owner.active",
        )}
      </p>
      <div className="button-row">
        {!editing && (
          <ButtonLink to={`/services/${service.id}/edit`} variant="primary" size="sm">
            {t("services.owner.edit")}
          </ButtonLink>
        )}
        {/* A service an operator hid is not the provider's to list again. */}
        {service.status !== "hidden" && (
          <Button variant="secondary" size="sm" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
            {t(service.status === "paused" ? "services.owner.resume" : "services.owner.pause")}
          </Button>
        )}
      </div>
      {toggle.isError && <Notice tone="error">{serviceErrorText(t, toggle.error)}</Notice>}
    </Card>
  );
}
