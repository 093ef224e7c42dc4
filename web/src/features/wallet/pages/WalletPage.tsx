// The wallet: balances (available, in escrow, pending withdrawal), top-up through the payment
// provider's page (the wallet then follows the top-up until the provider's webhook settles it),
// withdrawals with their status, and the statement, page by page.
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { TopUp, Wallet, WalletEntry, Withdrawal } from "../../../../../contracts/wallet.ts";
import { RequireAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { FormMessage, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import {
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstError,
  formErrorText,
  newIdempotencyKey,
} from "../../../lib/errors.ts";
import { parseYuan, yuanInput } from "../../../lib/parse-money.ts";
import {
  destinationKey,
  entryKindKey,
  topUpMethodKey,
  withdrawalStatusKey,
  withdrawalTone,
} from "../wallet-labels.ts";

const PRESETS = [10000, 50000, 100000, 500000];
const MAX_MINOR = 1_000_000_000_000;
const POLL_MS = 1000;

export function WalletPage() {
  const { t } = useI18n();
  useDocumentTitle(t("wallet.title"));
  return <RequireAuth>{() => <WalletView />}</RequireAuth>;
}

type Loaded<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; error: unknown };

/** Loads on mount and on every `version`; keeps the last data on screen while reloading. */
function useReloadable<T>(load: () => Promise<T>, version: string | number): Loaded<T> & { retry(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads on version/attempt only.
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (error: unknown) => live && setState((s) => (s.status === "ready" ? s : { status: "error", error })),
    );
    return () => {
      live = false;
    };
  }, [version, attempt]);
  return { ...state, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}

function WalletView() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((n) => n + 1), []);
  const wallet = useReloadable(() => api.get<Wallet>("/wallet"), version);
  const [params, setParams] = useSearchParams();
  const topUpId = params.get("topUp");

  return (
    <div className="container page">
      <header className="page__header">
        <h1>{t("wallet.title")}</h1>
        <p className="page__lead">{t("wallet.lead")}</p>
      </header>
      {topUpId && (
        <TopUpTracker
          id={topUpId}
          onSettled={changed}
          onDismiss={() => {
            params.delete("topUp");
            setParams(params, { replace: true });
          }}
        />
      )}
      <Balances wallet={wallet} />
      <div className="page__grid page__grid--2">
        <TopUpForm />
        <WithdrawalForm
          available={wallet.status === "ready" ? wallet.data.availableMinor : undefined}
          onDone={changed}
        />
      </div>
      <Withdrawals version={version} onChange={changed} />
      <Statement version={version} />
    </div>
  );
}

function Balances({ wallet }: { wallet: Loaded<Wallet> & { retry(): void } }) {
  const { t, money } = useI18n();
  if (wallet.status === "error") {
    return (
      <div className="notice notice--error" role="alert">
        <Icon name="alert" size={22} />
        <p>{formErrorText(t, wallet.error)}</p>
        <Button variant="secondary" size="sm" onClick={wallet.retry}>
          {t("form.retry")}
        </Button>
      </div>
    );
  }
  const data = wallet.status === "ready" ? wallet.data : undefined;
  const items = [
    {
      id: "available",
      label: t("wallet.available"),
      note: t("wallet.availableNote"),
      value: data?.availableMinor,
    },
    { id: "escrow", label: t("wallet.inEscrow"), note: t("wallet.inEscrowNote"), value: data?.inEscrowMinor },
    {
      id: "pending",
      label: t("wallet.pendingWithdrawal"),
      note: t("wallet.pendingWithdrawalNote"),
      value: data?.pendingWithdrawalMinor,
    },
  ];
  return (
    <section aria-labelledby="balances-title" aria-busy={!data}>
      <h2 id="balances-title" className="visually-hidden">
        {t("wallet.balances")}
      </h2>
      {!data && (
        <span className="visually-hidden" role="status">
          {t("form.loading")}
        </span>
      )}
      <dl className="balances">
        {items.map((item) => (
          <div key={item.id} className={`balance balance--${item.id}`} data-testid={`balance-${item.id}`}>
            <dt className="balance__label">{item.label}</dt>
            <dd className="balance__value">
              {item.value === undefined ? (
                <span className="balance__placeholder" aria-hidden="true" />
              ) : (
                money(item.value)
              )}
            </dd>
            <dd className="balance__note">{item.note}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Follows a top-up after the payer comes back from the provider's page, until it settles. */
function TopUpTracker({ id, onSettled, onDismiss }: { id: string; onSettled(): void; onDismiss(): void }) {
  const { t, money } = useI18n();
  const [topUp, setTopUp] = useState<TopUp>();
  const [gaveUp, setGaveUp] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const poll = async () => {
      try {
        const { topUp: next } = await api.get<{ topUp: TopUp }>(`/wallet/top-ups/${encodeURIComponent(id)}`);
        if (!live) return;
        setTopUp(next);
        if (next.status !== "pending") {
          onSettled();
          return;
        }
      } catch (cause) {
        if (!live) return;
        if (isApiError(cause, "not_found")) {
          setError(cause);
          return;
        }
      }
      if (Date.now() - started > 120_000) setGaveUp(true);
      else timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [id, onSettled]);

  let tone = "notice";
  let text = t("wallet.topUp.checking");
  if (error) text = t("wallet.topUp.unknown");
  else if (topUp?.status === "succeeded") {
    tone = "notice notice--success";
    text = t("wallet.topUp.succeeded", { amount: money(topUp.amountMinor) });
  } else if (topUp?.status === "failed") {
    tone = "notice notice--error";
    text = t("wallet.topUp.failed", { amount: money(topUp.amountMinor) });
  } else if (topUp && gaveUp) text = t("wallet.topUp.slow", { amount: money(topUp.amountMinor) });
  else if (topUp) text = t("wallet.topUp.pending", { amount: money(topUp.amountMinor) });

  const settled = topUp?.status === "succeeded" || topUp?.status === "failed" || Boolean(error);
  return (
    <div className={`${tone} tracker`} role="status" aria-live="polite" data-testid="top-up-status">
      {!settled && <span className="spinner" aria-hidden="true" />}
      {topUp?.status === "succeeded" && <Icon name="check" size={22} />}
      {topUp?.status === "failed" && <Icon name="alert" size={22} />}
      <p>{text}</p>
      {/* Not paid after all (the payer cancelled on the provider's page): pay now, or forget it. */}
      {topUp?.status === "pending" && topUp.payUrl && (
        <a className="btn btn--secondary btn--sm" href={topUp.payUrl}>
          {t("wallet.topUp.payNow")}
        </a>
      )}
      <Button variant="ghost" size="sm" onClick={onDismiss}>
        {t("form.dismiss")}
      </Button>
    </div>
  );
}

function TopUpForm() {
  const { t, money } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<"alipay" | "wechat" | "card">("alipay");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef<{ body: string; key: string }>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const amountMinor = parseYuan(amount);
    setFormError(undefined);
    if (amountMinor === null || amountMinor <= 0 || amountMinor > MAX_MINOR) {
      setErrors({ amountMinor: amount.trim() ? t("wallet.error.amount") : t("form.error.required") });
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    const body = { amountMinor, method };
    const signature = JSON.stringify(body);
    if (key.current?.body !== signature) key.current = { body: signature, key: newIdempotencyKey() };
    try {
      const { topUp } = await api.post<{ topUp: TopUp }>("/wallet/top-ups", body, {
        idempotencyKey: key.current.key,
      });
      if (!topUp.payUrl) throw new Error("no pay URL");
      // Off to the payment provider's page; it sends the payer back to /wallet?topUp=<id>.
      window.location.assign(topUp.payUrl);
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(formErrorText(t, error));
      focusFirstError(formRef.current);
      setBusy(false);
    }
  }

  return (
    <Card as="section" className="panel" aria-labelledby="top-up-title">
      <h2 id="top-up-title">{t("wallet.topUp.title")}</h2>
      <p className="panel__lead">{t("wallet.topUp.lead")}</p>
      <form ref={formRef} className="form" noValidate onSubmit={submit} aria-busy={busy}>
        {formError && <FormMessage kind="error">{formError}</FormMessage>}
        <TextField
          id="top-up-amount"
          name="amountMinor"
          label={t("wallet.amount")}
          hint={t("wallet.amountHint")}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={errors.amountMinor}
        />
        <fieldset className="presets">
          <legend className="visually-hidden">{t("wallet.topUp.presets")}</legend>
          {PRESETS.map((minor) => (
            <button
              key={minor}
              type="button"
              className="chip chip--button"
              aria-pressed={parseYuan(amount) === minor}
              onClick={() => setAmount(yuanInput(minor))}
            >
              {money(minor, { trimWholeFen: true })}
            </button>
          ))}
        </fieldset>
        <fieldset className="choice">
          <legend className="field__label">{t("wallet.topUp.method")}</legend>
          {(["alipay", "wechat", "card"] as const).map((m) => (
            <label key={m} className="choice__item">
              <input
                type="radio"
                name="method"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />
              <span>{t(topUpMethodKey[m])}</span>
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="accent" disabled={busy}>
          {busy ? t("wallet.topUp.busy") : t("wallet.topUp.submit")}
        </Button>
      </form>
    </Card>
  );
}

function WithdrawalForm({ available, onDone }: { available: number | undefined; onDone(): void }) {
  const { t, money } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);
  const [destination, setDestination] = useState<"alipay" | "bank">("alipay");
  const key = useRef<{ body: string; key: string }>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const amountText = String(data.get("amountMinor") ?? "");
    const amountMinor = parseYuan(amountText);
    const account = String(data.get("account") ?? "").trim();
    const next: FieldErrors = {};
    if (!amountText.trim()) next.amountMinor = t("form.error.required");
    else if (amountMinor === null || amountMinor <= 0 || amountMinor > MAX_MINOR)
      next.amountMinor = t("wallet.error.amount");
    else if (available !== undefined && amountMinor > available)
      next.amountMinor = t("wallet.error.moreThanAvailable", { available: money(available) });
    if (!account) next.account = t("form.error.required");
    setErrors(next);
    setMessage(undefined);
    if (Object.keys(next).length > 0 || amountMinor === null) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    const body = { amountMinor, destination: { method: destination, account } };
    const signature = JSON.stringify(body);
    if (key.current?.body !== signature) key.current = { body: signature, key: newIdempotencyKey() };
    try {
      await api.post<{ withdrawal: Withdrawal }>("/wallet/withdrawals", body, {
        idempotencyKey: key.current.key,
      });
      key.current = undefined;
      form.reset();
      setMessage({ kind: "success", text: t("wallet.withdraw.requested", { amount: money(amountMinor) }) });
      onDone();
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      if (isApiError(error, "insufficient_funds")) {
        fields.amountMinor =
          available !== undefined
            ? t("wallet.error.moreThanAvailable", { available: money(available) })
            : t("wallet.error.insufficient");
        onDone();
      }
      setErrors(fields);
      if (Object.keys(fields).length === 0) setMessage({ kind: "error", text: formErrorText(t, error) });
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className="panel" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t("wallet.withdraw.title")}</h2>
      <p className="panel__lead">{t("wallet.withdraw.lead")}</p>
      <form ref={formRef} className="form" noValidate onSubmit={submit} aria-busy={busy}>
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <TextField
          id="withdraw-amount"
          name="amountMinor"
          label={t("wallet.amount")}
          hint={
            available !== undefined
              ? t("wallet.withdraw.availableHint", { available: money(available) })
              : undefined
          }
          inputMode="decimal"
          autoComplete="off"
          error={errors.amountMinor}
        />
        <fieldset className="choice">
          <legend className="field__label">{t("wallet.withdraw.destination")}</legend>
          {(["alipay", "bank"] as const).map((m) => (
            <label key={m} className="choice__item">
              <input
                type="radio"
                name="destination"
                value={m}
                checked={destination === m}
                onChange={() => setDestination(m)}
              />
              <span>{t(destinationKey[m])}</span>
            </label>
          ))}
        </fieldset>
        <TextField
          id="withdraw-account"
          name="account"
          label={
            destination === "alipay" ? t("wallet.withdraw.alipayAccount") : t("wallet.withdraw.bankAccount")
          }
          autoComplete="off"
          maxLength={100}
          error={errors.account}
        />
        <Button type="submit" disabled={busy}>
          {busy ? t("wallet.withdraw.busy") : t("wallet.withdraw.submit")}
        </Button>
      </form>
    </Card>
  );
}

function Withdrawals({ version, onChange }: { version: number; onChange(): void }) {
  const { t, money, locale } = useI18n();
  const [tick, setTick] = useState(0);
  const list = useReloadable(
    () =>
      api.get<{ items: Withdrawal[]; nextCursor: string | null }>("/wallet/withdrawals", {
        query: { limit: 10 },
      }),
    `${version}:${tick}`,
  );
  const items = list.status === "ready" ? list.data.items : [];
  const inFlight = items.some((w) => w.status === "pending" || w.status === "approved");
  const signature = items.map((w) => `${w.id}:${w.status}`).join(",");
  const previous = useRef(signature);

  // While a withdrawal is on its way, follow it (an operator's decision, the payout's answer).
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => setTick((n) => n + 1), 3000);
    return () => clearInterval(timer);
  }, [inFlight]);
  // A status changed: balances changed too.
  useEffect(() => {
    if (previous.current && previous.current !== signature && tick > 0) onChange();
    previous.current = signature;
  }, [signature, onChange, tick]);

  return (
    <section className="section-block" aria-labelledby="withdrawals-title">
      <h2 id="withdrawals-title">{t("wallet.withdrawals.title")}</h2>
      {list.status === "loading" && (
        <p className="notice" role="status">
          {t("form.loading")}
        </p>
      )}
      {list.status === "error" && (
        <div className="notice notice--error" role="alert">
          <Icon name="alert" size={22} />
          <p>{formErrorText(t, list.error)}</p>
          <Button variant="secondary" size="sm" onClick={list.retry}>
            {t("form.retry")}
          </Button>
        </div>
      )}
      {list.status === "ready" &&
        (items.length === 0 ? (
          <p className="empty">{t("wallet.withdrawals.empty")}</p>
        ) : (
          <ul className="rows" data-testid="withdrawals">
            {items.map((w) => (
              <li key={w.id} className="row">
                <div className="row__main">
                  <span className="row__amount">{money(w.amountMinor)}</span>
                  <span className="row__meta">
                    {t(destinationKey[w.destination.method])} · {w.destination.account}
                  </span>
                  <span className="row__meta">{formatDateTime(w.createdAt, locale)}</span>
                  {w.failureReason && <span className="row__meta">{w.failureReason}</span>}
                </div>
                <span className={`badge badge--${withdrawalTone(w.status)}`}>
                  {t(withdrawalStatusKey[w.status] ?? "wallet.kind.other")}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Statement({ version }: { version: number }) {
  const { t, money, locale } = useI18n();
  const [pages, setPages] = useState<{ items: WalletEntry[]; nextCursor: string | null }>();
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the first page when the wallet changed.
  useEffect(() => {
    let live = true;
    api
      .get<{ items: WalletEntry[]; nextCursor: string | null }>("/wallet/entries", { query: { limit: 20 } })
      .then(
        (page) => {
          if (live) {
            setPages(page);
            setError(undefined);
          }
        },
        (cause: unknown) => live && setError(cause),
      );
    return () => {
      live = false;
    };
  }, [version, attempt]);

  async function loadMore() {
    if (!pages?.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await api.get<{ items: WalletEntry[]; nextCursor: string | null }>("/wallet/entries", {
        query: { limit: 20, cursor: pages.nextCursor },
      });
      setPages({ items: [...pages.items, ...next.items], nextCursor: next.nextCursor });
    } catch (cause) {
      setError(cause);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="section-block" aria-labelledby="statement-title" aria-busy={!pages && !error}>
      <h2 id="statement-title">{t("wallet.statement.title")}</h2>
      {!pages && !error && (
        <p className="notice" role="status">
          {t("form.loading")}
        </p>
      )}
      {error !== undefined && (
        <div className="notice notice--error" role="alert">
          <Icon name="alert" size={22} />
          <p>{formErrorText(t, error)}</p>
          <Button variant="secondary" size="sm" onClick={() => setAttempt((n) => n + 1)}>
            {t("form.retry")}
          </Button>
        </div>
      )}
      {pages &&
        (pages.items.length === 0 ? (
          <p className="empty">{t("wallet.statement.empty")}</p>
        ) : (
          <>
            <table className="statement" data-testid="statement">
              <caption className="visually-hidden">{t("wallet.statement.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("wallet.statement.when")}</th>
                  <th scope="col">{t("wallet.statement.what")}</th>
                  <th scope="col" className="num">
                    {t("wallet.statement.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.at, locale)}</td>
                    <td>{t(entryKindKey[entry.kind] ?? "wallet.kind.other")}</td>
                    <td
                      className={`num ${entry.amountMinor > 0 ? "is-credit" : entry.amountMinor < 0 ? "is-debit" : "is-zero"}`}
                    >
                      {entry.amountMinor > 0 ? "+" : ""}
                      {money(entry.amountMinor)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages.nextCursor && (
              <div className="button-row">
                <Button variant="secondary" onClick={loadMore} disabled={loadingMore}>
                  {loadingMore ? t("form.loading") : t("wallet.statement.more")}
                </Button>
              </div>
            )}
          </>
        ))}
    </section>
  );
}
