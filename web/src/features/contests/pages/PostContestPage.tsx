// Post a contest (/contests/new): title, brief, category, prize tiers in yuan (→ fen), submission
// deadline, sealed / guaranteed switches. The whole pool is escrowed by POST /tasks
// (Idempotency-Key); when the wallet is short (402) the page offers a top-up of the difference
// through the payment provider and posts once the money has arrived.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { TopUp, Wallet } from "../../../../../contracts/wallet.ts";
import { useApi } from "../../../api/useApi.ts";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { errorDetail, errorMessageKey, getCategories, newKey, parseYuan, type Task } from "../api.ts";
import { Loading } from "../components/ContestBits.tsx";
import { usePrizeName } from "../components/Judging.tsx";
import { loginHref, useViewer } from "../session.ts";
import { toLocalInput } from "../time.ts";
import "../contests.css";

const MAX_TIERS = 20;
const DAY = 86_400_000;

type Errors = Partial<Record<"title" | "brief" | "prizes" | "deadline", string>> & {
  tiers?: (string | undefined)[];
};

export function PostContestPage() {
  const { t } = useI18n();
  useDocumentTitle(t("contests.post.title"));
  const viewer = useViewer();
  if (viewer.status === "loading") {
    return (
      <div className="container section">
        <Loading label={t("contests.loading")} />
      </div>
    );
  }
  if (!viewer.me) {
    return (
      <div className="container section narrow">
        <h1>{t("contests.post.title")}</h1>
        <p className="notice">
          <Icon name="lock" size={20} />
          <span>{t("contests.post.signIn")}</span>
        </p>
        <div className="button-row">
          <ButtonLink to={loginHref("/contests/new")}>{t("contests.enter.signInAction")}</ButtonLink>
          <ButtonLink to="/signup" variant="secondary">
            {t("nav.signup")}
          </ButtonLink>
        </div>
      </div>
    );
  }
  return <PostContestForm />;
}

function PostContestForm() {
  const { t, locale, money } = useI18n();
  const navigate = useNavigate();
  const prizeName = usePrizeName();
  const id = useId();
  const categories = useApi((signal) => getCategories(signal), []);
  const wallet = useApi((signal) => api.get<Wallet>("/wallet", { signal }), []);

  const [title, setTitle] = useState("");
  const [brief, setBrief] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [tiers, setTiers] = useState<string[]>(["2000", "500"]);
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + 7 * DAY)));
  const [sealed, setSealed] = useState(true);
  const [guaranteed, setGuaranteed] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; detail?: string } | null>(null);
  const [shortMinor, setShortMinor] = useState<number | null>(null);
  // One key per body: a retry of the same contest replays, an edited contest is a new request.
  const [key, setKey] = useState(newKey);
  const [keyBody, setKeyBody] = useState("");

  const amounts = tiers.map(parseYuan);
  const poolMinor = amounts.every((a) => a !== null && a > 0)
    ? (amounts as number[]).reduce((sum, a) => sum + a, 0)
    : null;

  function validate(): Errors {
    const next: Errors = {};
    if (!title.trim()) next.title = t("contests.post.err.title");
    else if (title.trim().length > 120) next.title = t("contests.post.err.titleLong");
    if (!brief.trim()) next.brief = t("contests.post.err.brief");
    const tierErrors = tiers.map((raw) => {
      const minor = parseYuan(raw);
      if (minor === null) return t("contests.post.err.amount");
      if (minor <= 0) return t("contests.post.err.positive");
      if (minor > 1_000_000_000_000) return t("contests.post.err.tooBig");
      return undefined;
    });
    if (tierErrors.some(Boolean)) next.tiers = tierErrors;
    if (tiers.length === 0) next.prizes = t("contests.post.err.noPrize");
    const at = new Date(deadline).getTime();
    if (!deadline || Number.isNaN(at)) next.deadline = t("contests.post.err.deadline");
    else if (at < Date.now() + 60 * 60 * 1000) next.deadline = t("contests.post.err.deadlineSoon");
    else if (at > Date.now() + 30 * DAY) next.deadline = t("contests.post.err.deadlineFar");
    return next;
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setFailure(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Move to the first c-field that needs attention.
      const first = document.querySelector<HTMLElement>("[aria-invalid='true']");
      first?.focus();
      return;
    }
    const body = {
      mode: "contest" as const,
      title: title.trim(),
      brief: brief.trim(),
      ...(categoryId ? { categoryId } : {}),
      prizesMinor: amounts as number[],
      submissionDeadline: new Date(deadline).toISOString(),
      sealed,
      guaranteed,
    };
    const serialized = JSON.stringify(body);
    let idempotencyKey = key;
    if (serialized !== keyBody) {
      idempotencyKey = newKey();
      setKey(idempotencyKey);
      setKeyBody(serialized);
    }
    setBusy(true);
    try {
      const res = await api.post<{ task: Task }>("/tasks", body, { idempotencyKey });
      navigate(`/tasks/${res.task.id}`);
    } catch (caught) {
      if (isApiError(caught, "insufficient_funds")) {
        const details = caught.details as { shortMinor?: number } | undefined;
        setShortMinor(details?.shortMinor ?? poolMinor ?? 0);
        // Nothing was posted: the retry after the top-up is a new request.
        setKeyBody("");
      } else {
        setFailure({ message: t(errorMessageKey(caught)), detail: errorDetail(caught) });
      }
    } finally {
      setBusy(false);
    }
  }

  const available = wallet.status === "ready" ? wallet.data.availableMinor : null;
  return (
    <div className="container section post-page">
      <header className="page-head">
        <div>
          <p className="eyebrow">{t("contests.mode")}</p>
          <h1>{t("contests.post.title")}</h1>
          <p className="section__lead">{t("contests.post.lead")}</p>
        </div>
      </header>
      <div className="post-layout">
        <form className="post-form" onSubmit={submit} noValidate aria-labelledby={`${id}-form`}>
          <h2 id={`${id}-form`} className="visually-hidden">
            {t("contests.post.title")}
          </h2>
          <Field
            id={`${id}-title`}
            label={t("contests.post.fTitle")}
            error={errors.title}
            hint={t("contests.post.hTitle")}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                maxLength={120}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${id}-brief`}
            label={t("contests.post.fBrief")}
            error={errors.brief}
            hint={t("contests.post.hBrief")}
          >
            {(props) => (
              <textarea
                {...props}
                rows={7}
                maxLength={10_000}
                value={brief}
                onChange={(e) => setBrief(e.target.value)}
              />
            )}
          </Field>
          <Field id={`${id}-category`} label={t("contests.post.fCategory")}>
            {(props) => (
              <select {...props} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
                <option value="">{t("contests.post.noCategory")}</option>
                {categories.data?.items.map((c) => (
                  <optgroup key={c.id} label={c.name[locale]}>
                    {c.children.map((child) => (
                      <option key={child.id} value={child.id}>
                        {child.name[locale]}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>

          <fieldset className="tiers" aria-describedby={`${id}-tiers-hint`}>
            <legend>{t("contests.post.fPrizes")}</legend>
            <p id={`${id}-tiers-hint`} className="c-field__hint">
              {t("contests.post.hPrizes")}
            </p>
            <ol className="tiers__list">
              {tiers.map((value, index) => {
                const error = errors.tiers?.[index];
                const inputId = `${id}-tier-${index}`;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: tiers are positional (prize 1, 2, …).
                  <li key={index} className="tiers__row">
                    <label htmlFor={inputId}>{prizeName(index)}</label>
                    <div className="money-input">
                      <span aria-hidden="true">¥</span>
                      <input
                        id={inputId}
                        inputMode="decimal"
                        autoComplete="off"
                        value={value}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${inputId}-error` : undefined}
                        onChange={(e) => setTiers(tiers.map((v, i) => (i === index ? e.target.value : v)))}
                      />
                      <span className="money-input__unit">{t("contests.post.yuan")}</span>
                    </div>
                    {tiers.length > 1 && (
                      <button
                        type="button"
                        className="icon-button"
                        onClick={() => setTiers(tiers.filter((_, i) => i !== index))}
                        aria-label={t("contests.post.removeTier", { prize: prizeName(index) })}
                      >
                        <Icon name="close" size={18} />
                      </button>
                    )}
                    {error && (
                      <p id={`${inputId}-error`} className="c-field__error tiers__error">
                        {error}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
            {tiers.length < MAX_TIERS && (
              <Button variant="secondary" size="sm" onClick={() => setTiers([...tiers, ""])}>
                <Icon name="plus" size={16} />
                {t("contests.post.addTier")}
              </Button>
            )}
          </fieldset>

          <Field
            id={`${id}-deadline`}
            label={t("contests.post.fDeadline")}
            error={errors.deadline}
            hint={t("contests.post.hDeadline")}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={deadline}
                min={toLocalInput(new Date(Date.now() + DAY))}
                max={toLocalInput(new Date(Date.now() + 30 * DAY))}
                onChange={(e) => setDeadline(e.target.value)}
              />
            )}
          </Field>

          <Switch
            id={`${id}-sealed`}
            checked={sealed}
            onChange={setSealed}
            label={t("contests.post.fSealed")}
            explain={t(sealed ? "contests.rules.sealedExplain" : "contests.rules.openExplain")}
          />
          <Switch
            id={`${id}-guaranteed`}
            checked={guaranteed}
            onChange={setGuaranteed}
            label={t("contests.post.fGuaranteed")}
            explain={t(guaranteed ? "contests.rules.guaranteedExplain" : "contests.rules.refundableExplain")}
          />

          {failure && (
            <div className="notice notice--error" role="alert">
              <Icon name="alert" size={20} />
              <p>
                {failure.message}
                {failure.detail && <span className="error-detail">{failure.detail}</span>}
              </p>
            </div>
          )}
          {shortMinor !== null && (
            <TopUpStep
              shortMinor={shortMinor}
              onPaid={() => {
                setShortMinor(null);
                wallet.retry();
                void submit();
              }}
            />
          )}
          <div className="button-row">
            <Button type="submit" variant="accent" size="lg" disabled={busy}>
              <Icon name="lock" size={18} />
              {busy
                ? t("contests.sending")
                : t("contests.post.submit", {
                    amount: poolMinor !== null ? money(poolMinor, { trimWholeFen: true }) : "—",
                  })}
            </Button>
          </div>
        </form>

        <aside className="post-summary" aria-labelledby={`${id}-summary`}>
          <Card tone="raised">
            <h2 id={`${id}-summary`} className="prize-card__heading">
              {t("contests.post.summary")}
            </h2>
            <dl className="facts">
              <div>
                <dt>{t("contests.page.pool")}</dt>
                <dd className="post-summary__pool">
                  {poolMinor !== null ? money(poolMinor) : t("contests.post.poolUnknown")}
                </dd>
              </div>
              <div>
                <dt>{t("contests.post.available")}</dt>
                <dd>{available !== null ? money(available) : "…"}</dd>
              </div>
            </dl>
            {available !== null && poolMinor !== null && available < poolMinor && (
              <p className="notice notice--warn">
                <Icon name="alert" size={18} />
                <span>{t("contests.post.shortHint", { amount: money(poolMinor - available) })}</span>
              </p>
            )}
            <p className="muted small">{t("contests.post.escrowNote")}</p>
          </Card>
        </aside>
      </div>
    </div>
  );
}

type FieldProps = {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children(props: FieldProps): React.ReactNode;
}) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="c-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { "aria-invalid": true as const } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} className="c-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="c-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

function Switch({
  id,
  checked,
  onChange,
  label,
  explain,
}: {
  id: string;
  checked: boolean;
  onChange(value: boolean): void;
  label: string;
  explain: string;
}) {
  return (
    <div className="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        className="switch"
        checked={checked}
        aria-describedby={`${id}-explain`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-explain`} className="c-field__hint">
          {explain}
        </p>
      </div>
    </div>
  );
}

/**
 * The wallet is short: top up (at least) the difference through the payment provider — its pay
 * page opens in a new tab — then watch the top-up until it succeeds and post the contest.
 */
function TopUpStep({ shortMinor, onPaid }: { shortMinor: number; onPaid(): void }) {
  const { t, money } = useI18n();
  const id = useId();
  const [method, setMethod] = useState<"alipay" | "wechat" | "card">("alipay");
  const [topUp, setTopUp] = useState<TopUp | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newKey);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ topUp: TopUp }>(
        "/wallet/top-ups",
        { amountMinor: shortMinor, method },
        { idempotencyKey: `${key}-${method}` },
      );
      setTopUp(res.topUp);
      if (res.topUp.payUrl) window.open(res.topUp.payUrl, "_blank", "noopener");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  // Watch the pending top-up (the provider's webhook settles it) until it succeeds or fails.
  useEffect(() => {
    if (topUp?.status !== "pending") return;
    const timer = window.setInterval(async () => {
      try {
        const res = await api.get<{ topUp: TopUp }>(`/wallet/top-ups/${topUp.id}`);
        if (res.topUp.status !== "pending")
          setTopUp((current) => ({ ...res.topUp, payUrl: current?.payUrl }));
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 1500);
    return () => window.clearInterval(timer);
  }, [topUp]);

  const paid = useRef(false);
  useEffect(() => {
    if (topUp?.status === "succeeded" && !paid.current) {
      paid.current = true;
      onPaid();
    }
  }, [topUp?.status, onPaid]);

  return (
    <section className="topup card card--tinted" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="topup__title">
        <Icon name="alert" size={20} />
        {t("contests.topup.title")}
      </h2>
      <p>{t("contests.topup.body", { amount: money(shortMinor) })}</p>
      {!topUp && (
        <>
          <fieldset className="topup__methods">
            <legend>{t("contests.topup.method")}</legend>
            {(["alipay", "wechat", "card"] as const).map((m) => (
              <label key={m} className="radio">
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={m}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                {t(`contests.topup.${m}`)}
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <Button variant="primary" onClick={start} disabled={busy}>
              {t("contests.topup.action", { amount: money(shortMinor) })}
            </Button>
            <Link to="/wallet" className="topup__wallet">
              {t("contests.topup.wallet")}
            </Link>
          </div>
        </>
      )}
      {topUp?.status === "pending" && (
        <div role="status" className="topup__pending">
          <p>{t("contests.topup.pending")}</p>
          {topUp.payUrl && (
            <a href={topUp.payUrl} target="_blank" rel="noreferrer">
              {t("contests.topup.openAgain")}
            </a>
          )}
        </div>
      )}
      {topUp?.status === "succeeded" && (
        <p role="status" className="notice notice--success">
          <Icon name="check" size={18} />
          {t("contests.topup.done")}
        </p>
      )}
      {topUp?.status === "failed" && (
        <div role="alert" className="notice notice--error">
          <p>{t("contests.topup.failed")}</p>
          <Button variant="secondary" size="sm" onClick={() => setTopUp(null)}>
            {t("contests.retry")}
          </Button>
        </div>
      )}
      {error !== null && (
        <p className="c-field__error" role="alert">
          {t(errorMessageKey(error))}
        </p>
      )}
    </section>
  );
}
