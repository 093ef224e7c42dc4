// Checkout (/services/:id/checkout?tier=): the package chosen (changeable), the requirements for the
// provider, the price and the wallet; ordering escrows the price at once (POST /orders with an
// Idempotency-Key). When the wallet is short (402) the top-up step appears and the order is placed
// once the money has arrived. Then the order page opens (waiting for the provider's confirmation).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useNavigate, useParams, useSearchParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Facts } from "../../../components/Facts.tsx";
import { ChoiceField, formClass, formWithAsideClass, TextAreaField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { api, isApiError } from "../../../lib/api.ts";
import { errorDetail } from "../../../lib/errors.ts";
import { useIdempotencyKey } from "../../../lib/idempotency.ts";
import { TopUpStep } from "../../contests/components/TopUpStep.tsx";
import { loginHref, useViewer } from "../../contests/session.ts";
import { type Order, shortOf } from "../../orders/api.ts";
import shared from "../../orders/orders.module.css";
import { walletKey, walletQuery } from "../../wallet/api.ts";
import {
  type Service,
  type ServiceTier,
  serviceErrors,
  serviceErrorText,
  serviceQuery,
  tierKey,
} from "../api.ts";
import styles from "../services.module.css";

export function CheckoutPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  useDocumentTitle(t("services.checkout.title"));
  const viewer = useViewer();
  const service = useQuery(serviceQuery(id));
  const [params] = useSearchParams();
  if (viewer.status === "ready" && !viewer.me) {
    const here = `/services/${id}/checkout${params.toString() ? `?${params.toString()}` : ""}`;
    return (
      <div className={cx("container", "section", shared.narrow)}>
        <h1>{t("services.checkout.title")}</h1>
        <Notice icon="lock" action={<Link to={loginHref(here)}>{t("services.signInAction")}</Link>}>
          {t("services.checkout.signIn")}
        </Notice>
      </div>
    );
  }
  if (!service.data || viewer.status === "loading") {
    return (
      <div className={cx("container", "section", shared.loading)}>
        <AsyncView query={service} loadingLabel={t("services.loading")} skeletons={1} errors={serviceErrors}>
          {() => null}
        </AsyncView>
      </div>
    );
  }
  const wanted = params.get("tier");
  const first = service.data.packages.find((p) => p.tier === wanted) ?? service.data.packages[0];
  if (!first) return null;
  return <Checkout service={service.data} initialTier={first.tier} />;
}

function Checkout({ service, initialTier }: { service: Service; initialTier: ServiceTier }) {
  const { t, money } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const wallet = useQuery(walletQuery);
  const [tier, setTier] = useState<ServiceTier>(initialTier);
  const [requirements, setRequirements] = useState("");
  const [short, setShort] = useState<number | null>(null);
  const key = useIdempotencyKey();
  const pkg = service.packages.find((p) => p.tier === tier) ?? service.packages[0];
  const place = useMutation({
    mutationFn: (body: { serviceId: string; tier: ServiceTier; requirements?: string }) =>
      api.post<{ order: Order }>("/orders", body, { idempotencyKey: key.keyFor(body) }),
  });

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setShort(null);
    const body = {
      serviceId: service.id,
      tier,
      ...(requirements.trim() ? { requirements: requirements.trim() } : {}),
    };
    try {
      const { order } = await place.mutateAsync(body);
      key.reset();
      await Promise.all([
        client.invalidateQueries({ queryKey: walletKey }),
        client.invalidateQueries({ queryKey: ["orders"] }),
      ]);
      navigate(`/orders/${order.id}`);
    } catch (error) {
      if (isApiError(error, "insufficient_funds")) {
        // Nothing was ordered: the order after the top-up is a new request.
        key.reset();
        setShort(shortOf(error, pkg?.priceMinor ?? 0));
      }
    }
  }

  if (!pkg) return null;
  const available = wallet.data?.availableMinor ?? null;
  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("services.mode")}</p>
          <h1>{t("services.checkout.title")}</h1>
          <p className="section__lead">
            <Link to={`/services/${service.id}`}>{service.title}</Link> · {service.provider.displayName}
          </p>
        </div>
      </header>
      <div className={formWithAsideClass}>
        <form className={formClass} onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`} className="visually-hidden">
            {t("services.checkout.title")}
          </h2>
          {service.packages.length > 1 && (
            <ChoiceField<ServiceTier>
              name={`${id}-tier`}
              legend={t("services.checkout.package")}
              value={tier}
              onChange={setTier}
              options={service.packages.map((p) => ({
                value: p.tier,
                label: `${t(tierKey[p.tier])} · ${money(p.priceMinor, { trimWholeFen: true })}`,
              }))}
            />
          )}
          <TextAreaField
            id={`${id}-req`}
            label={t("services.checkout.requirements")}
            hint={t("services.checkout.requirementsHint")}
            rows={6}
            maxLength={10_000}
            value={requirements}
            onChange={(e) => setRequirements(e.target.value)}
          />
          {place.isError && !isApiError(place.error, "insufficient_funds") && (
            <Notice tone="error" detail={errorDetail(place.error)}>
              {serviceErrorText(t, place.error)}
            </Notice>
          )}
          {short !== null && (
            <TopUpStep
              shortMinor={short}
              body={t("orders.topup.body", { amount: money(short) })}
              onPaid={() => {
                setShort(null);
                void wallet.refetch();
                void submit();
              }}
            />
          )}
          <div className="button-row">
            <Button type="submit" variant="accent" size="lg" disabled={place.isPending}>
              <Icon name="lock" size={18} />
              {place.isPending
                ? t("services.sending")
                : t("services.checkout.submit", { amount: money(pkg.priceMinor) })}
            </Button>
            <ButtonLink to={`/services/${service.id}`} variant="ghost">
              {t("services.checkout.back")}
            </ButtonLink>
          </div>
        </form>
        <aside aria-labelledby={`${id}-sum`}>
          <Card tone="raised" data-testid="checkout-summary">
            <h2 id={`${id}-sum`} className={styles.sumTitle}>
              {t(tierKey[pkg.tier])}
            </h2>
            <p className={shared.side__amount}>{money(pkg.priceMinor)}</p>
            <Facts>
              <div>
                <dt>{t("services.checkout.days")}</dt>
                <dd>{t("services.pkg.days", { count: pkg.deliveryDays })}</dd>
              </div>
              <div>
                <dt>{t("services.checkout.revisions")}</dt>
                <dd>{t("services.pkg.revisions", { count: pkg.revisions })}</dd>
              </div>
              <div>
                <dt>{t("services.checkout.available")}</dt>
                <dd>{available !== null ? money(available) : "…"}</dd>
              </div>
            </Facts>
            {available !== null && available < pkg.priceMinor && (
              <Notice tone="warn" compact>
                {t("services.checkout.shortHint", { amount: money(pkg.priceMinor - available) })}
              </Notice>
            )}
            <p className={cx(shared.muted, shared.small)}>{t("services.checkout.escrowNote")}</p>
          </Card>
        </aside>
      </div>
    </div>
  );
}
