// Post a contest (/contests/new): title, brief, category, prize tiers in yuan (→ fen), submission
// deadline, sealed / guaranteed switches. The whole pool is escrowed by POST /tasks
// (Idempotency-Key); when the wallet is short (402) the page offers a top-up of the difference
// through the payment provider and posts once the money has arrived.

import { type FormEvent, useId, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, IconButton } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { Facts } from "../../../components/Facts.tsx";
import {
  FieldError,
  FieldHint,
  moneyClass,
  SwitchField,
  TextField,
  unitClass,
} from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { toLocalInput } from "../../../lib/dates.ts";
import { passesCheck } from "../../../lib/errors.ts";
import { contestErrorText, parseYuan } from "../api.ts";
import { usePrizeName } from "../components/Judging.tsx";
import {
  emptyTaskBasics,
  SignedInToPost,
  type TaskBasics,
  TaskBasicsFields,
  taskBasicsBody,
  useEscrowedPost,
} from "../components/TaskBasics.tsx";
import styles from "../contests.module.css";

const MAX_TIERS = 20;
const DAY = 86_400_000;

type Errors = Partial<Record<"title" | "brief" | "prizes" | "deadline", string>> & {
  tiers?: (string | undefined)[];
};

export function PostContestPage() {
  const { t } = useI18n();
  useDocumentTitle(t("contests.post.title"));
  return (
    <SignedInToPost
      path="/contests/new"
      title={t("contests.post.title")}
      loading={t("contests.loading")}
      signIn={t("contests.post.signIn")}
      signInAction={t("contests.enter.signInAction")}
      signUp={t("nav.signup")}
      className={styles.narrow}
    >
      <PostContestForm />
    </SignedInToPost>
  );
}

function PostContestForm() {
  const { t, money } = useI18n();
  const prizeName = usePrizeName();
  const id = useId();
  const { send, busy, available, clearFailure, problems } = useEscrowedPost(contestErrorText);

  const [basics, setBasics] = useState<TaskBasics>(emptyTaskBasics);
  const [tiers, setTiers] = useState<string[]>(["2000", "500"]);
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + 7 * DAY)));
  const [sealed, setSealed] = useState(true);
  const [guaranteed, setGuaranteed] = useState(true);
  const [errors, setErrors] = useState<Errors>({});

  const amounts = tiers.map(parseYuan);
  const poolMinor = amounts.every((a) => a !== null && a > 0)
    ? (amounts as number[]).reduce((sum, a) => sum + a, 0)
    : null;

  function validate(): Errors {
    const next: Errors = {};
    if (!basics.title.trim()) next.title = t("contests.post.err.title");
    else if (basics.title.trim().length > 120) next.title = t("contests.post.err.titleLong");
    if (!basics.brief.trim()) next.brief = t("contests.post.err.brief");
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
    clearFailure();
    if (!passesCheck(validate(), setErrors)) return;
    const body = {
      mode: "contest" as const,
      ...taskBasicsBody(basics),
      prizesMinor: amounts as number[],
      submissionDeadline: new Date(deadline).toISOString(),
      sealed,
      guaranteed,
    };
    await send(body, poolMinor);
  }

  return (
    <div className="container section post-page">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("contests.mode")}</p>
          <h1>{t("contests.post.title")}</h1>
          <p className="section__lead">{t("contests.post.lead")}</p>
        </div>
      </header>
      <div className={styles["post-layout"]}>
        <form className={styles["post-form"]} onSubmit={submit} noValidate aria-labelledby={`${id}-form`}>
          <h2 id={`${id}-form`} className="visually-hidden">
            {t("contests.post.title")}
          </h2>
          <TaskBasicsFields
            id={id}
            texts="contests.post"
            value={basics}
            onChange={setBasics}
            errors={errors}
          />

          <fieldset className={styles.tiers} aria-describedby={`${id}-tiers-hint`}>
            <legend>{t("contests.post.fPrizes")}</legend>
            <FieldHint id={`${id}-tiers-hint`}>{t("contests.post.hPrizes")}</FieldHint>
            <ol className={styles.tiers__list}>
              {tiers.map((value, index) => {
                const error = errors.tiers?.[index];
                const inputId = `${id}-tier-${index}`;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: tiers are positional (prize 1, 2, …).
                  <li key={index} className={styles.tiers__row}>
                    <label htmlFor={inputId}>{prizeName(index)}</label>
                    <div className={moneyClass}>
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
                      <span className={unitClass}>{t("money.yuan")}</span>
                    </div>
                    {tiers.length > 1 && (
                      <IconButton
                        onClick={() => setTiers(tiers.filter((_, i) => i !== index))}
                        aria-label={t("contests.post.removeTier", { prize: prizeName(index) })}
                      >
                        <Icon name="close" size={18} />
                      </IconButton>
                    )}
                    {error && (
                      <div className={styles.tiers__error}>
                        <FieldError id={`${inputId}-error`}>{error}</FieldError>
                      </div>
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

          <TextField
            id={`${id}-deadline`}
            label={t("contests.post.fDeadline")}
            error={errors.deadline}
            hint={t("contests.post.hDeadline")}
            type="datetime-local"
            value={deadline}
            min={toLocalInput(new Date(Date.now() + DAY))}
            max={toLocalInput(new Date(Date.now() + 30 * DAY))}
            onChange={(e) => setDeadline(e.target.value)}
          />

          <SwitchField
            id={`${id}-sealed`}
            checked={sealed}
            onChange={setSealed}
            label={t("contests.post.fSealed")}
            explain={t(sealed ? "contests.rules.sealedExplain" : "contests.rules.openExplain")}
          />
          <SwitchField
            id={`${id}-guaranteed`}
            checked={guaranteed}
            onChange={setGuaranteed}
            label={t("contests.post.fGuaranteed")}
            explain={t(guaranteed ? "contests.rules.guaranteedExplain" : "contests.rules.refundableExplain")}
          />

          {problems(() => void submit())}
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

        <aside className={styles["post-summary"]} aria-labelledby={`${id}-summary`}>
          <Card tone="raised">
            <h2 id={`${id}-summary`} className={styles["prize-card__heading"]}>
              {t("contests.post.summary")}
            </h2>
            <Facts>
              <div>
                <dt>{t("contests.page.pool")}</dt>
                <dd className={styles["post-summary__pool"]}>
                  {poolMinor !== null ? money(poolMinor) : t("contests.post.poolUnknown")}
                </dd>
              </div>
              <div>
                <dt>{t("contests.post.available")}</dt>
                <dd>{available !== null ? money(available) : "…"}</dd>
              </div>
            </Facts>
            {available !== null && poolMinor !== null && available < poolMinor && (
              <Notice tone="warn" compact>
                {t("contests.post.shortHint", { amount: money(poolMinor - available) })}
              </Notice>
            )}
            <p className={cx(styles.muted, styles.small)}>{t("contests.post.escrowNote")}</p>
          </Card>
        </aside>
      </div>
    </div>
  );
}
