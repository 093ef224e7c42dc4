// The wallet: balances (available, in escrow, pending withdrawal), top-up through the payment
// provider's page (the wallet then follows the top-up until the provider's webhook settles it),
// withdrawals with their status, and the statement, page by page. All of it from the query cache
// (../api.ts): a change invalidates the wallet and everything on the page refreshes.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_AMOUNT_MINOR } from "../../../../../contracts/common.ts";
import type { Wallet } from "../../../../../contracts/wallet.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { type I18n, useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useSearchParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button, buttonClass } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { ChoiceField, TextField } from "../../../components/Field.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { MoneyField } from "../../../components/MoneyField.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { errorText } from "../../../lib/errors.ts";
import { parseYuan, yuanInput } from "../../../lib/parse-money.ts";
import {
  statementQuery,
  TOP_UP_METHODS,
  type TopUpMethod,
  useRefreshOnWithdrawalChange,
  useStartTopUp,
  useTopUp,
  useWithdraw,
  walletQuery,
  withdrawalsQuery,
} from "../api.ts";
import styles from "../wallet.module.css";
import {
  destinationKey,
  entryKindKey,
  topUpMethodKey,
  withdrawalStatusKey,
  withdrawalTone,
} from "../wallet-labels.ts";

const PRESETS = [10000, 50000, 100000, 500000];

export function WalletPage() {
  const { t } = useI18n();
  useDocumentTitle(t("wallet.title"));
  return <RequireAuth>{() => <WalletView />}</RequireAuth>;
}

function WalletView() {
  const { t } = useI18n();
  const wallet = useQuery(walletQuery);
  const [params, setParams] = useSearchParams();
  const topUpId = params.get("topUp");

  return (
    <div className={cx("container", page.page)}>
      <header className={page.header}>
        <h1>{t("wallet.title")}</h1>
        <p className={page.lead}>{t("wallet.lead")}</p>
      </header>
      {topUpId && (
        <TopUpTracker
          id={topUpId}
          onDismiss={() => {
            params.delete("topUp");
            setParams(params, { replace: true });
          }}
        />
      )}
      <Balances wallet={wallet.data} error={wallet.error} retry={() => void wallet.refetch()} />
      <div className={page.grid}>
        <TopUpForm />
        <WithdrawalForm available={wallet.data?.availableMinor} />
      </div>
      <Withdrawals />
      <Statement />
    </div>
  );
}

function Balances({ wallet, error, retry }: { wallet?: Wallet; error: unknown; retry(): void }) {
  const { t, money } = useI18n();
  if (!wallet && error) {
    return (
      <Notice
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={retry}>
            {t("form.retry")}
          </Button>
        }
      >
        {errorText(t, error)}
      </Notice>
    );
  }
  const items = [
    {
      id: "available",
      label: t("wallet.available"),
      note: t("wallet.availableNote"),
      value: wallet?.availableMinor,
    },
    {
      id: "escrow",
      label: t("wallet.inEscrow"),
      note: t("wallet.inEscrowNote"),
      value: wallet?.inEscrowMinor,
    },
    {
      id: "pending",
      label: t("wallet.pendingWithdrawal"),
      note: t("wallet.pendingWithdrawalNote"),
      value: wallet?.pendingWithdrawalMinor,
    },
  ];
  return (
    <section aria-labelledby="balances-title" aria-busy={!wallet}>
      <h2 id="balances-title" className="visually-hidden">
        {t("wallet.balances")}
      </h2>
      {!wallet && (
        <span className="visually-hidden" role="status">
          {t("form.loading")}
        </span>
      )}
      <dl className={styles.balances}>
        {items.map((item) => (
          <div
            key={item.id}
            className={cx(styles.balance, item.id === "available" && styles.available)}
            data-testid={`balance-${item.id}`}
          >
            <dt className={styles.label}>{item.label}</dt>
            <dd className={styles.value} data-testid={`balance-${item.id}-value`}>
              {item.value === undefined ? (
                <span className={styles.placeholder} aria-hidden="true" />
              ) : (
                money(item.value)
              )}
            </dd>
            <dd className={styles.note}>{item.note}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Follows a top-up after the payer comes back from the provider's page, until it settles. */
function TopUpTracker({ id, onDismiss }: { id: string; onDismiss(): void }) {
  const { t, money } = useI18n();
  const { topUp, unknown, slow } = useTopUp(id);

  let tone: "info" | "success" | "error" = "info";
  let text = t("wallet.topUp.checking");
  if (unknown) text = t("wallet.topUp.unknown");
  else if (topUp?.status === "succeeded") {
    tone = "success";
    text = t("wallet.topUp.succeeded", { amount: money(topUp.amountMinor) });
  } else if (topUp?.status === "failed") {
    tone = "error";
    text = t("wallet.topUp.failed", { amount: money(topUp.amountMinor) });
  } else if (topUp && slow) text = t("wallet.topUp.slow", { amount: money(topUp.amountMinor) });
  else if (topUp) text = t("wallet.topUp.pending", { amount: money(topUp.amountMinor) });

  const settled = topUp?.status === "succeeded" || topUp?.status === "failed" || unknown;
  return (
    <Notice
      className={styles.tracker}
      tone={tone}
      role="status"
      icon={settled ? undefined : null}
      testId="top-up-status"
      action={
        <>
          {/* Not paid after all (the payer cancelled on the provider's page): pay now, or forget it. */}
          {topUp?.status === "pending" && topUp.payUrl && (
            <a className={buttonClass({ variant: "secondary", size: "sm" })} href={topUp.payUrl}>
              {t("wallet.topUp.payNow")}
            </a>
          )}
          <Button variant="ghost" size="sm" onClick={onDismiss}>
            {t("form.dismiss")}
          </Button>
        </>
      }
    >
      {!settled && <span className={styles.spinner} aria-hidden="true" />}
      {text}
    </Notice>
  );
}

function TopUpForm() {
  const { t, money } = useI18n();
  const form = useForm();
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<TopUpMethod>("alipay");
  const start = useStartTopUp();
  // From the click until the browser has left for the provider's page.
  const [leaving, setLeaving] = useState(false);
  const busy = form.busy || leaving;

  async function submit() {
    const amountMinor = amountError(t, amount);
    if (form.check(typeof amountMinor === "string" ? { amountMinor } : {})) return;
    const topUp = await form.send(() => start.mutateAsync({ amountMinor: amountMinor as number, method }));
    if (!topUp?.payUrl) return;
    setLeaving(true);
    // Off to the payment provider's page; it sends the payer back to /wallet?topUp=<id>.
    window.location.assign(topUp.payUrl);
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="top-up-title">
      <h2 id="top-up-title">{t("wallet.topUp.title")}</h2>
      <p className={page.panelLead}>{t("wallet.topUp.lead")}</p>
      <Form form={form} onSubmit={() => void submit()}>
        <MoneyField
          id="top-up-amount"
          name="amountMinor"
          label={t("wallet.amount")}
          hint={t("wallet.amountHint")}
          value={amount}
          onChange={(text) => setAmount(text)}
          error={form.errors.amountMinor}
        />
        <fieldset className={styles.presets}>
          <legend className="visually-hidden">{t("wallet.topUp.presets")}</legend>
          {PRESETS.map((minor) => (
            <button
              key={minor}
              type="button"
              className={styles.preset}
              aria-pressed={parseYuan(amount) === minor}
              onClick={() => setAmount(yuanInput(minor))}
            >
              {money(minor, { trimWholeFen: true })}
            </button>
          ))}
        </fieldset>
        <ChoiceField<TopUpMethod>
          name="method"
          legend={t("wallet.topUp.method")}
          value={method}
          onChange={setMethod}
          options={TOP_UP_METHODS.map((m) => ({ value: m, label: t(topUpMethodKey[m]) }))}
        />
        <Button type="submit" variant="accent" disabled={busy}>
          {busy ? t("wallet.topUp.busy") : t("wallet.topUp.submit")}
        </Button>
      </Form>
    </Card>
  );
}

/** The amount in fen, or what is wrong with the text typed (empty, not an amount, too much). */
function amountError(t: I18n["t"], text: string, available?: number, money?: I18n["money"]): number | string {
  const minor = parseYuan(text);
  if (!text.trim()) return t("form.error.required");
  if (minor === null || minor <= 0 || minor > MAX_AMOUNT_MINOR) return t("wallet.error.amount");
  if (available !== undefined && money && minor > available)
    return t("wallet.error.moreThanAvailable", { available: money(available) });
  return minor;
}

function WithdrawalForm({ available }: { available: number | undefined }) {
  const { t, money } = useI18n();
  const form = useForm();
  const [amount, setAmount] = useState("");
  const [destination, setDestination] = useState<"alipay" | "bank">("alipay");
  const withdraw = useWithdraw();
  const moreThanAvailable = () =>
    available !== undefined
      ? t("wallet.error.moreThanAvailable", { available: money(available) })
      : t("wallet.error.insufficient");

  async function submit(element: HTMLFormElement) {
    const amountMinor = amountError(t, amount, available, money);
    const account = String(new FormData(element).get("account") ?? "").trim();
    const errors = {
      ...(typeof amountMinor === "string" ? { amountMinor } : {}),
      ...(account ? {} : { account: t("form.error.required") }),
    };
    if (form.check(errors) || typeof amountMinor === "string") return;
    const done = await form.send(
      () => withdraw.mutateAsync({ amountMinor, destination: { method: destination, account } }),
      {
        fields: (error) =>
          isApiError(error, "insufficient_funds") ? { amountMinor: moreThanAvailable() } : undefined,
      },
    );
    if (!done) return;
    element.reset();
    setAmount("");
    form.succeeded(t("wallet.withdraw.requested", { amount: money(amountMinor) }));
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t("wallet.withdraw.title")}</h2>
      <p className={page.panelLead}>{t("wallet.withdraw.lead")}</p>
      <Form form={form} onSubmit={(event) => void submit(event.currentTarget)}>
        <MoneyField
          id="withdraw-amount"
          name="amountMinor"
          label={t("wallet.amount")}
          hint={
            available !== undefined
              ? t("wallet.withdraw.availableHint", { available: money(available) })
              : undefined
          }
          value={amount}
          onChange={(text) => setAmount(text)}
          error={form.errors.amountMinor}
        />
        <ChoiceField<"alipay" | "bank">
          name="destination"
          legend={t("wallet.withdraw.destination")}
          value={destination}
          onChange={setDestination}
          options={(["alipay", "bank"] as const).map((m) => ({ value: m, label: t(destinationKey[m]) }))}
        />
        <TextField
          id="withdraw-account"
          name="account"
          label={
            destination === "alipay" ? t("wallet.withdraw.alipayAccount") : t("wallet.withdraw.bankAccount")
          }
          autoComplete="off"
          maxLength={100}
          error={form.errors.account}
        />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? t("wallet.withdraw.busy") : t("wallet.withdraw.submit")}
        </Button>
      </Form>
    </Card>
  );
}

function Withdrawals() {
  const { t, money, locale } = useI18n();
  const list = useQuery(withdrawalsQuery);
  useRefreshOnWithdrawalChange(list.data?.items);
  return (
    <section className={page.block} aria-labelledby="withdrawals-title">
      <h2 id="withdrawals-title">{t("wallet.withdrawals.title")}</h2>
      <AsyncView
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={t("wallet.withdrawals.empty")}
      >
        {(data) => (
          <ul className={styles.rows} data-testid="withdrawals">
            {data.items.map((w) => (
              <li key={w.id} className={styles.row}>
                <div className={styles.rowMain}>
                  <span className={styles.amount}>{money(w.amountMinor)}</span>
                  <span className={styles.meta}>
                    {t(destinationKey[w.destination.method])} · {w.destination.account}
                  </span>
                  <span className={styles.meta}>{formatDateTime(w.createdAt, locale)}</span>
                  {w.failureReason && <span className={styles.meta}>{w.failureReason}</span>}
                </div>
                <Badge tone={withdrawalTone(w.status)}>
                  {t(withdrawalStatusKey[w.status] ?? "wallet.kind.other")}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </section>
  );
}

function Statement() {
  const { t, money, locale } = useI18n();
  const statement = useInfiniteQuery(statementQuery);
  return (
    <section className={page.block} aria-labelledby="statement-title" aria-busy={statement.isPending}>
      <h2 id="statement-title">{t("wallet.statement.title")}</h2>
      <AsyncView
        query={statement}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={t("wallet.statement.empty")}
      >
        {(data) => (
          <>
            <table className={styles.statement} data-testid="statement">
              <caption className="visually-hidden">{t("wallet.statement.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("wallet.statement.when")}</th>
                  <th scope="col">{t("wallet.statement.what")}</th>
                  <th scope="col" className={styles.num}>
                    {t("wallet.statement.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.at, locale)}</td>
                      <td>
                        {t(entryKindKey[entry.kind] ?? "wallet.kind.other")}
                        {/* What the line is about: the contest, linked. */}
                        {entry.ref?.title && entry.ref.taskId && (
                          <Link
                            to={`/tasks/${entry.ref.taskId}`}
                            className={styles.about}
                            data-testid="entry-about"
                          >
                            {entry.ref.title}
                          </Link>
                        )}
                        {/* A prize paid out: what was won, the platform's fee, what arrived. */}
                        {entry.grossMinor !== undefined && entry.feeMinor !== undefined && (
                          <span className={styles.breakdown} data-testid="entry-breakdown">
                            {t("wallet.statement.breakdown", {
                              gross: money(entry.grossMinor),
                              fee: money(entry.feeMinor),
                              net: money(entry.amountMinor),
                            })}
                          </span>
                        )}
                      </td>
                      <td
                        className={cx(
                          styles.num,
                          entry.amountMinor > 0 && styles.credit,
                          entry.amountMinor === 0 && styles.zero,
                        )}
                      >
                        {entry.amountMinor > 0 ? "+" : ""}
                        {money(entry.amountMinor)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
            {statement.hasNextPage && (
              <div className={cx("button-row", styles.more)}>
                <Button
                  variant="secondary"
                  onClick={() => void statement.fetchNextPage()}
                  disabled={statement.isFetchingNextPage}
                >
                  {statement.isFetchingNextPage ? t("form.loading") : t("wallet.statement.more")}
                </Button>
              </div>
            )}
          </>
        )}
      </AsyncView>
    </section>
  );
}
