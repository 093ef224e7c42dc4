// The home page: what Liangjiang is, the ways to buy that work today, how escrow protects both
// sides, the category tree from the API, and where to start. Every way to buy and every promise is
// filtered through features/home/ways-to-buy.ts: the page offers only what exists.
import type { CategoryTree } from "../../../../contracts/categories.ts";
import { useApi } from "../../api/useApi.ts";
import { useDocumentTitle, useI18n } from "../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { Button, ButtonLink } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { Icon, type IconName } from "../../components/Icon.tsx";
import { api } from "../../lib/api.ts";
import { availableWaysToBuy, type Claim, honest } from "./ways-to-buy.ts";

export function HomePage() {
  useDocumentTitle(undefined);
  return (
    <>
      <Hero />
      <WaysToBuy />
      <Escrow />
      <Categories />
      <CallsToAction />
    </>
  );
}

const heroPoints: Claim[] = [
  { key: "home.hero.point1" },
  { key: "home.hero.pointDisputes", needs: "disputes" },
  { key: "home.hero.point2" },
  { key: "home.hero.point3" },
];

function Hero() {
  const { t } = useI18n();
  return (
    <section className="hero" aria-labelledby="hero-title">
      <div className="container hero__inner">
        <div className="hero__copy">
          <p className="eyebrow">{t("home.hero.eyebrow")}</p>
          <h1 id="hero-title" className="hero__title">
            {t("home.hero.title")}
          </h1>
          <p className="hero__lead">{t("home.hero.lead")}</p>
          <div className="button-row">
            <ButtonLink to="/signup" size="lg" variant="accent">
              {t("home.hero.ctaPost")}
            </ButtonLink>
            <ButtonLink to="/signup?as=provider" size="lg" variant="secondary">
              {t("home.hero.ctaProvide")}
            </ButtonLink>
          </div>
          <ul className="hero__points">
            {honest(heroPoints).map(({ key }) => (
              <li key={key}>
                <Icon name="check" size={20} className="hero__point-icon" />
                <span>{t(key)}</span>
              </li>
            ))}
          </ul>
        </div>
        <EscrowExample />
      </div>
    </section>
  );
}

/** An illustration of a contest in escrow, made of real UI rather than a picture. */
function EscrowExample() {
  const { t, money } = useI18n();
  const steps: MessageKey[] = ["home.demo.step1", "home.demo.step2", "home.demo.step3", "home.demo.step4"];
  return (
    <Card as="div" tone="raised" className="example" role="figure" aria-label={t("a11y.example")}>
      <div className="example__head">
        <span className="badge badge--accent">{t("home.demo.mode")}</span>
        <span className="example__tag">{t("a11y.example")}</span>
      </div>
      <p className="example__title">{t("home.demo.title")}</p>
      <div className="example__escrow">
        <Icon name="lock" size={22} />
        <div>
          <span className="example__amount">{money(300000, { trimWholeFen: true })}</span>
          <span className="example__escrow-label">{t("home.demo.escrowed")}</span>
        </div>
      </div>
      <p className="example__meta">
        {t("home.demo.prizes", {
          first: money(200000, { trimWholeFen: true }),
          runner: money(50000, { trimWholeFen: true }),
        })}
      </p>
      <p className="example__meta">{t("home.demo.entries", { count: 38 })}</p>
      <ol className="timeline">
        {steps.map((key, index) => (
          <li key={key} className={index < 2 ? "timeline__step is-done" : "timeline__step"}>
            <span className="timeline__dot" aria-hidden="true" />
            <span>{t(key)}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** The ways to buy that work today (only contests for now), each with where to start it. */
function WaysToBuy() {
  const { t, money } = useI18n();
  const ways = availableWaysToBuy();
  const grid = ways.length === 1 ? "ways--single" : `grid--${Math.min(ways.length, 4)}`;
  return (
    <section id="ways" className="section" aria-labelledby="ways-title">
      <div className="container">
        <header className="section__header">
          <h2 id="ways-title">{t("home.ways.title")}</h2>
          <p className="section__lead">{t("home.ways.lead")}</p>
        </header>
        <ul className={`grid ${grid}`}>
          {ways.map((way) => (
            <Card as="li" key={way.id} className="way">
              <span className={`way__icon way__icon--${way.id}`}>
                <Icon name={way.icon} size={26} />
              </span>
              <h3 className="way__title">
                {t(`home.ways.${way.id}.name`)}
                <span className="way__latin">{t(`home.ways.${way.id}.latin`)}</span>
              </h3>
              <p className="way__body">{t(`home.ways.${way.id}.body`)}</p>
              <p className="way__best">
                <strong>{t("home.ways.bestFor")}</strong> {t(`home.ways.${way.id}.bestFor`)}
              </p>
              <p className="way__example">
                {t(`home.ways.${way.id}.example`, {
                  amount: money(way.exampleMinor, { trimWholeFen: true }),
                })}
              </p>
              {(way.post || way.browse) && (
                <div className="button-row way__actions">
                  {way.post && (
                    <ButtonLink to={way.post.to} size="sm" variant="accent">
                      {t(way.post.label)}
                    </ButtonLink>
                  )}
                  {way.browse && (
                    <ButtonLink to={way.browse.to} size="sm" variant="secondary">
                      {t(way.browse.label)}
                    </ButtonLink>
                  )}
                </div>
              )}
            </Card>
          ))}
        </ul>
      </div>
    </section>
  );
}

const escrowSteps: (Claim & { icon: IconName; title: MessageKey })[] = [
  { icon: "lock", title: "home.escrow.step1.title", key: "home.escrow.step1.body" },
  { icon: "upload", title: "home.escrow.step2.title", key: "home.escrow.step2.body" },
  { icon: "check", title: "home.escrow.step3.title", key: "home.escrow.step3.body" },
  { icon: "scale", title: "home.escrow.step4.title", key: "home.escrow.step4.body", needs: "disputes" },
];

const fairItems: Claim[] = [
  { key: "home.fair.item1" },
  { key: "home.fair.item2" },
  { key: "home.fair.item3", needs: "reviews" },
  { key: "home.fair.item4" },
];

function Escrow() {
  const { t } = useI18n();
  return (
    <section id="escrow" className="section section--tinted" aria-labelledby="escrow-title">
      <div className="container escrow">
        <div>
          <header className="section__header">
            <h2 id="escrow-title">{t("home.escrow.title")}</h2>
            <p className="section__lead">{t("home.escrow.lead")}</p>
          </header>
          <ol className="steps">
            {honest(escrowSteps).map(({ icon, title, key }) => (
              <li key={key} className="steps__item">
                <span className="steps__icon">
                  <Icon name={icon} size={22} />
                </span>
                <div>
                  <h3 className="steps__title">{t(title)}</h3>
                  <p>{t(key)}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
        <Card as="aside" tone="raised" className="fair" aria-labelledby="fair-title">
          <h3 id="fair-title" className="fair__title">
            <Icon name="shield" size={24} />
            {t("home.fair.title")}
          </h3>
          <ul className="fair__list">
            {honest(fairItems).map(({ key }) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </Card>
      </div>
    </section>
  );
}

function Categories() {
  const { t, locale } = useI18n();
  const categories = useApi((signal) => api.get<CategoryTree>("/categories", { signal }), []);
  return (
    <section
      id="categories"
      className="section"
      aria-labelledby="categories-title"
      aria-busy={categories.status === "loading"}
    >
      <div className="container">
        <header className="section__header">
          <h2 id="categories-title">{t("home.categories.title")}</h2>
          <p className="section__lead">{t("home.categories.lead")}</p>
        </header>
        {categories.status === "loading" && (
          <div className="grid grid--3" role="status">
            <span className="visually-hidden">{t("home.categories.loading")}</span>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <div key={n} className="card card--flat skeleton" aria-hidden="true" />
            ))}
          </div>
        )}
        {categories.status === "error" && (
          <div className="notice notice--error" role="alert">
            <Icon name="alert" size={22} />
            <p>
              {categories.error.code === "network_error" ? t("error.network") : t("home.categories.error")}
            </p>
            <Button variant="secondary" size="sm" onClick={categories.retry}>
              {t("home.categories.retry")}
            </Button>
          </div>
        )}
        {categories.status === "ready" &&
          (categories.data.items.length === 0 ? (
            <p className="notice">{t("home.categories.empty")}</p>
          ) : (
            <ul className="grid grid--3 categories">
              {categories.data.items.map((category) => (
                <Card as="li" key={category.id} className="category">
                  <h3 className="category__name">{category.name[locale]}</h3>
                  <p className="category__count">
                    {t("home.categories.subCount", { count: category.children.length })}
                  </p>
                  <ul className="chips">
                    {category.children.map((child) => (
                      <li key={child.id} className="chip">
                        {child.name[locale]}
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
            </ul>
          ))}
      </div>
    </section>
  );
}

function CallsToAction() {
  const { t } = useI18n();
  return (
    <section className="section section--cta" aria-labelledby="cta-title">
      <div className="container">
        <h2 id="cta-title" className="visually-hidden">
          {t("home.hero.ctaPost")} · {t("home.hero.ctaProvide")}
        </h2>
        <div className="grid grid--2">
          <Card tone="raised" className="cta cta--buyer">
            <h3>{t("home.cta.buyer.title")}</h3>
            <p>{t("home.cta.buyer.body")}</p>
            <ButtonLink to="/signup" variant="accent">
              {t("home.cta.buyer.action")}
              <Icon name="arrow" size={18} />
            </ButtonLink>
          </Card>
          <Card tone="raised" className="cta cta--provider">
            <h3>{t("home.cta.provider.title")}</h3>
            <p>{t("home.cta.provider.body")}</p>
            <ButtonLink to="/signup?as=provider" variant="primary">
              {t("home.cta.provider.action")}
              <Icon name="arrow" size={18} />
            </ButtonLink>
          </Card>
        </div>
      </div>
    </section>
  );
}
