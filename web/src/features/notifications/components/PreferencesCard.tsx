// Account settings: e-mail on or off per kind of notification (in-app is always on). Each switch
// saves at once (PATCH /me/notification-preferences).
import { useQuery } from "@tanstack/react-query";
import { NOTIFICATION_KINDS } from "../../../../../contracts/notifications.ts";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Card } from "../../../components/Card.tsx";
import { preferencesQuery, useUpdatePreferences } from "../api.ts";
import styles from "../notifications.module.css";

export function PreferencesCard() {
  const { t } = useI18n();
  const prefs = useQuery(preferencesQuery);
  const update = useUpdatePreferences();
  return (
    <Card as="section" aria-labelledby="notification-prefs">
      <h2 id="notification-prefs">{t("notifications.prefs.title")}</h2>
      <p className={styles.muted}>{t("notifications.prefs.lead")}</p>
      <AsyncView query={prefs} loadingLabel={t("notifications.loading")}>
        {(data) => (
          <fieldset className={styles.prefs}>
            <legend className="visually-hidden">{t("notifications.prefs.title")}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className={styles.pref}>
                <input
                  type="checkbox"
                  checked={data.email[kind]}
                  onChange={(e) => update.mutate({ email: { [kind]: e.target.checked } })}
                />
                {t(`notifications.prefs.${kind}`)}
              </label>
            ))}
          </fieldset>
        )}
      </AsyncView>
      <p role="status" className={styles.muted}>
        {update.isSuccess
          ? t("notifications.prefs.saved")
          : update.isError
            ? t("notifications.prefs.failed")
            : ""}
      </p>
    </Card>
  );
}
