// A public profile: name, verification badges and how long the account has been a member; level and
// reputation score once reviews exist (never a default rating: see available.reviews).

import { useQuery } from "@tanstack/react-query";
import type { Badge } from "../../../../../contracts/accounts.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link, useParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Avatar } from "../../../components/Avatar.tsx";
import { Badge as BadgePill } from "../../../components/Badge.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { isApiError } from "../../../lib/api.ts";
import { formatDate } from "../../../lib/dates.ts";
import { available } from "../../home/ways-to-buy.ts";
import styles from "../accounts.module.css";
import { profileQuery } from "../api.ts";

const badgeKey: Record<Badge, MessageKey> = {
  email: "profile.badge.email",
  phone: "profile.badge.phone",
  real_name: "profile.badge.real_name",
  enterprise: "profile.badge.enterprise",
};

export function ProfilePage() {
  const { id = "" } = useParams();
  const { t, locale } = useI18n();
  const auth = useAuth();
  const profile = useQuery(profileQuery(id));
  useDocumentTitle(profile.data ? profile.data.displayName : t("profile.title"));

  if (profile.isPending) {
    return (
      <div className={cx("container", page.page)} aria-busy="true">
        <AsyncView query={profile} loadingLabel={t("profile.loading")} skeletons={1}>
          {() => null}
        </AsyncView>
      </div>
    );
  }
  if (profile.isError) {
    const missing = isApiError(profile.error, "not_found");
    return (
      <section className={cx("container", page.page)} aria-labelledby="profile-error-title">
        <h1 id="profile-error-title">{missing ? t("profile.notFound") : t("profile.title")}</h1>
        <Notice
          tone="error"
          action={
            !missing && (
              <Button variant="secondary" size="sm" onClick={() => void profile.refetch()}>
                {t("form.retry")}
              </Button>
            )
          }
        >
          {missing ? t("profile.notFoundBody") : t("error.generic")}
        </Notice>
      </section>
    );
  }

  const user = profile.data;
  const own = auth.status === "signed-in" && auth.user.id === user.id;
  return (
    <div className={cx("container", page.page)}>
      <Card as="section" tone="raised" className={styles.profile} aria-labelledby="profile-name">
        <Avatar name={user.displayName} large />
        <div className={styles.profile__main}>
          <h1 id="profile-name" className={styles.profile__name}>
            {user.displayName}
            {user.verified && (
              <BadgePill tone="success" className={styles.profile__verified}>
                <Icon name="shield" size={14} />
                {t("profile.verified")}
              </BadgePill>
            )}
          </h1>
          <p className={styles.profile__since}>
            {t("profile.memberSince", { date: formatDate(user.stats.memberSince, locale) })}
          </p>
          {own && (
            <div className="button-row">
              <ButtonLink to="/account" variant="secondary" size="sm">
                {t("profile.edit")}
              </ButtonLink>
              <ButtonLink to="/account/verification" variant="ghost" size="sm">
                {t("menu.verification")}
              </ButtonLink>
            </div>
          )}
        </div>
      </Card>

      {/* Level and reputation score come with reviews: until then the profile does not show them. */}
      <div className={`grid ${available.reviews ? "grid--3" : "grid--2"} stats`}>
        {available.reviews && (
          <>
            <Card as="section" className={styles.stat} aria-labelledby="level-title">
              <h2 id="level-title" className={styles.stat__label}>
                {t("profile.level")}
              </h2>
              <p className={styles.stat__value}>{t("profile.levelValue", { level: user.level })}</p>
              <p className={styles.stat__note}>
                {user.level === 0 ? t("profile.levelNone") : t("profile.levelNote")}
              </p>
            </Card>
            <Card as="section" className={styles.stat} aria-labelledby="score-title">
              <h2 id="score-title" className={styles.stat__label}>
                {t("profile.score")}
              </h2>
              <p className={styles.stat__value}>{user.score === null ? "—" : user.score.toFixed(1)}</p>
              <p className={styles.stat__note}>
                {user.score === null ? t("profile.scoreNone") : t("profile.scoreNote")}
              </p>
            </Card>
          </>
        )}
        <Card as="section" className={styles.stat} aria-labelledby="badges-title">
          <h2 id="badges-title" className={styles.stat__label}>
            {t("profile.badges")}
          </h2>
          {user.badges.length === 0 ? (
            <p className={styles.stat__note}>
              {t("profile.badgesNone")}
              {own && (
                <>
                  {" "}
                  <Link to="/account/verification">{t("profile.getVerified")}</Link>
                </>
              )}
            </p>
          ) : (
            <ul className={styles["badge-list"]} data-testid="badges">
              {user.badges.map((badge) => (
                <li key={badge}>
                  <BadgePill tone="success">
                    <Icon
                      name={badge === "real_name" || badge === "enterprise" ? "shield" : "check"}
                      size={14}
                    />
                    {t(badgeKey[badge])}
                  </BadgePill>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
