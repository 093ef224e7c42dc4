// Operators: withdrawals waiting for review. Approve (the payout provider then pays, or fails and
// the money returns) or reject (the money returns at once). Nobody approves their own withdrawal.

import type { Withdrawal } from "../../../../../contracts/wallet.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link } from "../../../app/router.tsx";
import page from "../../../components/Page.module.css";
import { formatDateTime } from "../../../lib/dates.ts";
import { destinationKey, withdrawalStatusKey, withdrawalTone } from "../../wallet/wallet-labels.ts";
import { ReviewCard, ReviewQueue } from "../components/Review.tsx";

const statuses: Withdrawal["status"][] = ["pending", "approved", "paid", "failed", "rejected"];

export function OperatorWithdrawalsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("ops.withdrawals.title"));
  return <RequireAuth operator>{() => <Queue />}</RequireAuth>;
}

function Queue() {
  const { t, money, locale } = useI18n();
  const statusLabel = (s: string) => t(withdrawalStatusKey[s] ?? "wallet.kind.other");
  return (
    <ReviewQueue<Withdrawal>
      queue="withdrawals"
      title={t("ops.withdrawals.title")}
      lead={t("ops.withdrawals.lead")}
      statuses={statuses}
      statusLabel={statusLabel}
      empty={t("ops.withdrawals.empty")}
    >
      {(item) => (
        <ReviewCard
          queue="withdrawals"
          item={item}
          title={(w) => money(w.amountMinor)}
          kind={(w) => t(destinationKey[w.destination.method])}
          badge={(w) => ({ tone: withdrawalTone(w.status), label: statusLabel(w.status) })}
          reason={{ label: "ops.withdrawals.reason", confirm: "ops.withdrawals.confirmReject" }}
          forbiddenText={t("ops.withdrawals.ownForbidden")}
          details={(w) => (
            <>
              <div>
                <dt>{t("ops.withdrawals.destination")}</dt>
                <dd className={page.mono}>{w.destination.account}</dd>
              </div>
              <div>
                <dt>{t("ops.withdrawals.requestedAt")}</dt>
                <dd>{formatDateTime(w.createdAt, locale)}</dd>
              </div>
              <div>
                <dt>{t("ops.account")}</dt>
                <dd>
                  <Link to={`/users/${w.accountId}`}>{t("ops.viewProfile")}</Link>
                </dd>
              </div>
              {w.failureReason && (
                <div>
                  <dt>{t("ops.verify.reason")}</dt>
                  <dd>{w.failureReason}</dd>
                </div>
              )}
            </>
          )}
        />
      )}
    </ReviewQueue>
  );
}
