// A public profile: name, verification badges and how long the account has been a member; level and
// reputation score once reviews exist (never a default rating: see available.reviews).
import { Link, useParams } from "react-router";
import type { Badge, PublicProfile } from "../../../../../contracts/accounts.ts";
import { useApi } from "../../../api/useApi.ts";
import { useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api } from "../../../lib/api.ts";
import { formatDate } from "../../../lib/dates.ts";
import { available } from "../../home/ways-to-buy.ts";

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
  const profile = useApi(
    (signal) => api.get<{ user: PublicProfile }>(`/users/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  useDocumentTitle(profile.status === "ready" ? profile.data.user.displayName : t("profile.title"));

  if (profile.status === "loading") {
    return (
      <div className="container page" role="status" aria-busy="true">
        <span className="visually-hidden">{t("profile.loading")}</span>
        <div className="card card--flat skeleton" aria-hidden="true" />
      </div>
    );
  }
  if (profile.status === "error") {
    const missing = profile.error.code === "not_found";
    return (
      <section className="container page" aria-labelledby="profile-error-title">
        <h1 id="profile-error-title">{missing ? t("profile.notFound") : t("profile.title")}</h1>
        <div className="notice notice--error" role="alert">
          <Icon name="alert" size={22} />
          <p>{missing ? t("profile.notFoundBody") : t("error.generic")}</p>
          {!missing && (
            <Button variant="secondary" size="sm" onClick={profile.retry}>
              {t("form.retry")}
            </Button>
          )}
        </div>
      </section>
    );
  }

  const user = profile.data.user;
  const own = auth.status === "signed-in" && auth.user.id === user.id;
  const initial = [...user.displayName][0] ?? "?";
  return (
    <div className="container page">
      <Card as="section" tone="raised" className="profile" aria-labelledby="profile-name">
        <div className="profile__avatar" aria-hidden="true">
          {initial}
        </div>
        <div className="profile__main">
          <h1 id="profile-name" className="profile__name">
            {user.displayName}
            {user.verified && (
              <span className="badge badge--success profile__verified">
                <Icon name="shield" size={14} />
                {t("profile.verified")}
              </span>
            )}
          </h1>
          <p className="profile__since">
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
            <Card as="section" className="stat" aria-labelledby="level-title">
              <h2 id="level-title" className="stat__label">
                {t("profile.level")}
              </h2>
              <p className="stat__value">{t("profile.levelValue", { level: user.level })}</p>
              <p className="stat__note">
                {user.level === 0 ? t("profile.levelNone") : t("profile.levelNote")}
              </p>
            </Card>
            <Card as="section" className="stat" aria-labelledby="score-title">
              <h2 id="score-title" className="stat__label">
                {t("profile.score")}
              </h2>
              <p className="stat__value">{user.score === null ? "—" : user.score.toFixed(1)}</p>
              <p className="stat__note">
                {user.score === null ? t("profile.scoreNone") : t("profile.scoreNote")}
              </p>
            </Card>
          </>
        )}
        <Card as="section" className="stat" aria-labelledby="badges-title">
          <h2 id="badges-title" className="stat__label">
            {t("profile.badges")}
          </h2>
          {user.badges.length === 0 ? (
            <p className="stat__note">
              {t("profile.badgesNone")}
              {own && (
                <>
                  {" "}
                  <Link to="/account/verification">{t("profile.getVerified")}</Link>
                </>
              )}
            </p>
          ) : (
            <ul className="badge-list">
              {user.badges.map((badge) => (
                <li key={badge} className="badge badge--success">
                  <Icon
                    name={badge === "real_name" || badge === "enterprise" ? "shield" : "check"}
                    size={14}
                  />
                  {t(badgeKey[badge])}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
