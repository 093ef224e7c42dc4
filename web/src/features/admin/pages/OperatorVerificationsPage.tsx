// Operators: the identity verification queue, oldest first. Approve, or reject with a reason the
// owner sees. The provider's check result is shown as evidence (match / mismatch / invalid number).

import type { IdentityVerification } from "../../../../../contracts/accounts.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Link } from "../../../app/router.tsx";
import { Badge } from "../../../components/Badge.tsx";
import page from "../../../components/Page.module.css";
import { formatDateTime } from "../../../lib/dates.ts";
import { ReviewCard, ReviewQueue } from "../components/Review.tsx";

type Status = IdentityVerification["status"];
const statuses: Status[] = ["pending", "approved", "rejected"];
const statusKey: Record<Status, MessageKey> = {
  pending: "ops.verify.status.pending",
  approved: "ops.verify.status.approved",
  rejected: "ops.verify.status.rejected",
};
const resultKey: Record<IdentityVerification["providerResult"], MessageKey> = {
  match: "ops.verify.result.match",
  mismatch: "ops.verify.result.mismatch",
  invalid: "ops.verify.result.invalid",
};

export function OperatorVerificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("ops.verify.title"));
  return <RequireAuth operator>{() => <Queue />}</RequireAuth>;
}

function Queue() {
  const { t, locale } = useI18n();
  return (
    <ReviewQueue<IdentityVerification>
      queue="verifications"
      title={t("ops.verify.title")}
      lead={t("ops.verify.lead")}
      statuses={statuses}
      statusLabel={(s) => t(statusKey[s as Status])}
      empty={t("ops.verify.empty")}
    >
      {(item) => (
        <ReviewCard
          queue="verifications"
          item={item}
          title={(v) => v.legalName}
          kind={(v) => (v.kind === "person" ? t("ops.verify.kind.person") : t("ops.verify.kind.enterprise"))}
          badge={(v) => ({
            tone: v.status === "approved" ? "success" : v.status === "rejected" ? "danger" : "accent",
            label: t(statusKey[v.status]),
          })}
          reason={{
            label: "ops.verify.reason",
            hint: "ops.verify.reasonHint",
            required: "ops.verify.reasonRequired",
            confirm: "ops.verify.confirmReject",
          }}
          details={(v) => (
            <>
              <div>
                <dt>{t("verify.identity.number")}</dt>
                <dd className={page.mono}>{v.numberMasked}</dd>
              </div>
              <div>
                <dt>{t("ops.verify.provider")}</dt>
                <dd>
                  <Badge tone={v.providerResult === "match" ? "success" : "danger"}>
                    {t(resultKey[v.providerResult])}
                  </Badge>
                </dd>
              </div>
              <div>
                <dt>{t("verify.identity.submittedAt")}</dt>
                <dd>{formatDateTime(v.submittedAt, locale)}</dd>
              </div>
              <div>
                <dt>{t("ops.account")}</dt>
                <dd>
                  <Link to={`/users/${v.accountId}`}>{t("ops.viewProfile")}</Link>
                </dd>
              </div>
              {v.reason && (
                <div>
                  <dt>{t("ops.verify.reason")}</dt>
                  <dd>{v.reason}</dd>
                </div>
              )}
            </>
          )}
        />
      )}
    </ReviewQueue>
  );
}
