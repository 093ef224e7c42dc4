// After sign-up: a welcome with the next steps — post a contest, browse contests, and verification,
// optional and said to be so. Each is a link; nothing here is required.
import { RequireAuth } from "../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { Link, useSearchParams } from "../../app/router.tsx";
import { ButtonLink } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { Icon, type IconName } from "../../components/Icon.tsx";
import styles from "./dashboard.module.css";

type Step = {
  id: string;
  icon: IconName;
  title: MessageKey;
  body: MessageKey;
  to: string;
  action: MessageKey;
};

const post: Step = {
  id: "post",
  icon: "lock",
  title: "welcome.post.title",
  body: "welcome.post.body",
  to: "/contests/new",
  action: "dash.post",
};
const browse: Step = {
  id: "browse",
  icon: "trophy",
  title: "welcome.browse.title",
  body: "welcome.browse.body",
  to: "/contests",
  action: "dash.browse",
};
const verify: Step = {
  id: "verify",
  icon: "shield",
  title: "welcome.verify.title",
  body: "welcome.verify.body",
  to: "/account/verification",
  action: "welcome.verify.action",
};

export function WelcomePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  useDocumentTitle(t("welcome.lead"));
  // Who came to provide sees browsing first.
  const steps = params.get("as") === "provider" ? [browse, post, verify] : [post, browse, verify];
  return (
    <RequireAuth>
      {(user) => (
        <section className="container section" aria-labelledby="welcome-title">
          <h1 id="welcome-title" className={styles.title}>
            {t("welcome.title", { name: user.displayName })}
          </h1>
          <p className={styles.lead}>{t("welcome.lead")}</p>
          <ol className={styles.steps} data-testid="welcome-steps">
            {steps.map((step, index) => (
              <Card as="li" tone={index === 0 ? "raised" : "flat"} key={step.id} className={styles.step}>
                <span className={styles.step__icon}>
                  <Icon name={step.icon} size={24} />
                </span>
                <div>
                  <h2 className={styles.step__title}>{t(step.title)}</h2>
                  <p>{t(step.body)}</p>
                  <ButtonLink
                    to={step.to}
                    variant={index === 0 ? "accent" : "secondary"}
                    size="sm"
                    data-testid={`welcome-${step.id}`}
                  >
                    {t(step.action)}
                  </ButtonLink>
                </div>
              </Card>
            ))}
          </ol>
          <p>
            <Link to="/">{t("welcome.later")}</Link>
          </p>
        </section>
      )}
    </RequireAuth>
  );
}
