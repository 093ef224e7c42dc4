// The home page: what Liangjiang is, the ways to buy that work today, how escrow protects both
// sides, the category tree from the API, and where to start. Every way to buy and every promise is
// filtered through features/home/ways-to-buy.ts: the page offers only what exists.
import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { lazyPage } from "../../app/lazy-page.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Badge } from "../../components/Badge.tsx";
import { ButtonLink } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { cx } from "../../components/cx.ts";
import { Icon, type IconName } from "../../components/Icon.tsx";
import { categoriesQuery } from "../../lib/categories.ts";
import styles from "./home.module.css";
import { availableWaysToBuy, type Claim, honest } from "./ways-to-buy.ts";

// Only for a signed-in visitor: its own chunk with its catalogue (the anonymous first load stays small).
const SignedInHome = lazyPage(() => import("../dashboard/SignedInHome.tsx"), "SignedInHome", ["dashboard"]);

export function HomePage() {
  useDocumentTitle(undefined);
  const auth = useAuth();
  if (auth.status === "signed-in") {
    return (
      <>
        <SignedInHome user={auth.user} />
        <WaysToBuy />
        <Categories />
      </>
    );
  }
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

/** A visitor who wants to post signs up first, then lands on the posting form. */
const postHref = `/signup?next=${encodeURIComponent("/contests/new")}`;

function Hero() {
  const { t } = useI18n();
  return (
    <section className={styles.hero} aria-labelledby="hero-title">
      <div className={cx("container", styles.hero__inner)}>
        <div className="hero__copy">
          <p className="eyebrow">{t("home.hero.eyebrow")}</p>
          <h1 id="hero-title" className={styles.hero__title}>
            {t("home.hero.title")}
          </h1>
          <p className={styles.hero__lead}>{t("home.hero.lead")}</p>
          <div className="button-row">
            <ButtonLink to={postHref} size="lg" variant="accent">
              {t("home.hero.ctaPost")}
            </ButtonLink>
            <ButtonLink to="/signup?as=provider" size="lg" variant="secondary">
              {t("home.hero.ctaProvide")}
            </ButtonLink>
          </div>
          <ul className={styles.hero__points}>
            {honest(heroPoints).map(({ key }) => (
              <li key={key}>
                <Icon name="check" size={20} className={styles["hero__point-icon"]} />
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
    <Card as="div" tone="raised" className={styles.example} role="figure" aria-label={t("a11y.example")}>
      <div className={styles.example__head}>
        <Badge tone="accent">{t("home.demo.mode")}</Badge>
        <span className={styles.example__tag}>{t("a11y.example")}</span>
      </div>
      <p className={styles.example__title}>{t("home.demo.title")}</p>
      <div className={styles.example__escrow}>
        <Icon name="lock" size={22} />
        <div>
          <span className={styles.example__amount}>{money(300000, { trimWholeFen: true })}</span>
          <span className={styles["example__escrow-label"]}>{t("home.demo.escrowed")}</span>
        </div>
      </div>
      <p className={styles.example__meta}>
        {t("home.demo.prizes", {
          first: money(200000, { trimWholeFen: true }),
          runner: money(50000, { trimWholeFen: true }),
        })}
      </p>
      <p className={styles.example__meta}>{t("home.demo.entries", { count: 38 })}</p>
      <ol className={styles.timeline}>
        {steps.map((key, index) => (
          <li key={key} className={cx(styles.timeline__step, index < 2 && styles["is-done"])}>
            <span className={styles.timeline__dot} aria-hidden="true" />
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
  // One way to buy today: one wide card (its text beside the icon), not a quarter column.
  const grid = ways.length === 1 ? styles["ways--single"] : `grid--${Math.min(ways.length, 4)}`;
  return (
    <section id="ways" className="section" aria-labelledby="ways-title">
      <div className="container">
        <header className="section__header">
          <h2 id="ways-title">{t("home.ways.title")}</h2>
          <p className="section__lead">{t("home.ways.lead")}</p>
        </header>
        <ul className={cx("grid", grid)}>
          {ways.map((way) => (
            <Card as="li" key={way.id} className={styles.way}>
              <span className={cx(styles.way__icon, styles[`way__icon--${way.id}`])}>
                <Icon name={way.icon} size={26} />
              </span>
              <h3 className={styles.way__title}>
                {t(`home.ways.${way.id}.name`)}
                <span className={styles.way__latin}>{t(`home.ways.${way.id}.latin`)}</span>
              </h3>
              <p className={styles.way__body}>{t(`home.ways.${way.id}.body`)}</p>
              <p className={styles.way__best}>
                <strong>{t("home.ways.bestFor")}</strong> {t(`home.ways.${way.id}.bestFor`)}
              </p>
              <p className={styles.way__example}>
                {t(`home.ways.${way.id}.example`, {
                  amount: money(way.exampleMinor, { trimWholeFen: true }),
                })}
              </p>
              {(way.post || way.browse) && (
                <div className={cx("button-row", styles.way__actions)}>
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
      <div className={cx("container", styles.escrow)}>
        <div>
          <header className="section__header">
            <h2 id="escrow-title">{t("home.escrow.title")}</h2>
            <p className="section__lead">{t("home.escrow.lead")}</p>
          </header>
          <ol className={styles.steps}>
            {honest(escrowSteps).map(({ icon, title, key }) => (
              <li key={key} className={styles.steps__item}>
                <span className={styles.steps__icon}>
                  <Icon name={icon} size={22} />
                </span>
                <div>
                  <h3 className={styles.steps__title}>{t(title)}</h3>
                  <p>{t(key)}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
        <Card as="aside" tone="raised" className="fair" aria-labelledby="fair-title">
          <h3 id="fair-title" className={styles.fair__title}>
            <Icon name="shield" size={24} />
            {t("home.fair.title")}
          </h3>
          <ul className={styles.fair__list}>
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
  const categories = useQuery(categoriesQuery);
  return (
    <section
      id="categories"
      className="section"
      aria-labelledby="categories-title"
      aria-busy={categories.isPending}
    >
      <div className="container">
        <header className="section__header">
          <h2 id="categories-title">{t("home.categories.title")}</h2>
          <p className="section__lead">{t("home.categories.lead")}</p>
        </header>
        <AsyncView
          query={categories}
          loadingLabel={t("home.categories.loading")}
          skeletons={6}
          skeletonClass="grid grid--3"
          failure={t("home.categories.error")}
          retryLabel={t("home.categories.retry")}
          isEmpty={(data) => data.items.length === 0}
          empty={t("home.categories.empty")}
        >
          {(data) => (
            <ul className={cx("grid", "grid--3", styles.categories)} data-testid="categories">
              {data.items.map((category) => (
                <Card as="li" key={category.id} className={styles.category}>
                  <h3 className={styles.category__name}>{category.name[locale]}</h3>
                  <p className={styles.category__count}>
                    {t("home.categories.subCount", { count: category.children.length })}
                  </p>
                  <ul className={styles.chips}>
                    {category.children.map((child) => (
                      <li key={child.id} className={styles.chip}>
                        {child.name[locale]}
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
            </ul>
          )}
        </AsyncView>
      </div>
    </section>
  );
}

function CallsToAction() {
  const { t } = useI18n();
  return (
    <section className={cx("section", styles["section--cta"])} aria-labelledby="cta-title">
      <div className="container">
        <h2 id="cta-title" className="visually-hidden">
          {t("home.hero.ctaPost")} · {t("home.hero.ctaProvide")}
        </h2>
        <div className="grid grid--2">
          <Card tone="raised" className={cx(styles.cta, styles["cta--buyer"])}>
            <h3>{t("home.cta.buyer.title")}</h3>
            <p>{t("home.cta.buyer.body")}</p>
            <ButtonLink to={postHref} variant="accent">
              {t("home.cta.buyer.action")}
              <Icon name="arrow" size={18} />
            </ButtonLink>
          </Card>
          <Card tone="raised" className={cx(styles.cta, styles["cta--provider"])}>
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
