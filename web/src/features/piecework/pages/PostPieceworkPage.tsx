// Post a piece-rate task (/piecework/new): title, brief, category, unit price (yuan → fen),
// quantity, pieces per provider and deadline, with a live "¥50 × 20 = ¥1,000 in escrow" line. The
// whole pool is escrowed by POST /tasks (Idempotency-Key); a short wallet (402) gets the contest
// posting's top-up step, and the task is posted once the money has arrived (useEscrowedPost).
import { type FormEvent, useId, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { MoneyField } from "../../../components/MoneyField.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { toLocalInput } from "../../../lib/dates.ts";
import { passesCheck } from "../../../lib/errors.ts";
import { parseYuan } from "../../../lib/parse-money.ts";
import {
  emptyTaskBasics,
  SignedInToPost,
  type TaskBasics,
  TaskBasicsFields,
  taskBasicsBody,
  useEscrowedPost,
} from "../../contests/components/TaskBasics.tsx";
import { pieceworkErrorText } from "../components/PieceBits.tsx";
import styles from "../piecework.module.css";

const DAY = 86_400_000;
const MAX_PIECES = 1000;
type Errors = Partial<Record<"title" | "brief" | "unit" | "quantity" | "max" | "deadline", string>>;

export function PostPieceworkPage() {
  const { t } = useI18n();
  useDocumentTitle(t("piecework.post.title"));
  return (
    <SignedInToPost
      path="/piecework/new"
      title={t("piecework.post.title")}
      loading={t("piecework.loading")}
      signIn={t("piecework.post.signIn")}
      signInAction={t("piecework.post.signInAction")}
    >
      <PostForm />
    </SignedInToPost>
  );
}

const wholeNumber = (raw: string) => (/^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : null);

function PostForm() {
  const { t, money } = useI18n();
  const id = useId();
  const { send, busy, available, clearFailure, problems } = useEscrowedPost(pieceworkErrorText);

  const [basics, setBasics] = useState<TaskBasics>(emptyTaskBasics);
  const [unit, setUnit] = useState("50");
  const [quantity, setQuantity] = useState("20");
  const [max, setMax] = useState("1");
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + 7 * DAY)));
  const [errors, setErrors] = useState<Errors>({});

  const unitMinor = parseYuan(unit);
  const count = wholeNumber(quantity);
  const totalMinor =
    unitMinor !== null && unitMinor > 0 && count !== null && count >= 1 && count <= MAX_PIECES
      ? unitMinor * count
      : null;

  function validate(): Errors {
    const next: Errors = {};
    if (!basics.title.trim()) next.title = t("piecework.post.err.title");
    if (!basics.brief.trim()) next.brief = t("piecework.post.err.brief");
    if (unitMinor === null || unitMinor <= 0) next.unit = t("piecework.post.err.unit");
    if (count === null || count < 1 || count > MAX_PIECES) next.quantity = t("piecework.post.err.quantity");
    const perProvider = wholeNumber(max);
    if (perProvider === null || perProvider < 1 || (count !== null && perProvider > count)) {
      next.max = t("piecework.post.err.max");
    }
    if (totalMinor !== null && totalMinor > 1_000_000_000_000) next.unit = t("piecework.post.err.tooBig");
    const at = new Date(deadline).getTime();
    if (!deadline || Number.isNaN(at) || at < Date.now() + 60 * 60 * 1000 || at > Date.now() + 30 * DAY) {
      next.deadline = t("piecework.post.err.deadline");
    }
    return next;
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    clearFailure();
    if (!passesCheck(validate(), setErrors)) return;
    const body = {
      mode: "piecework" as const,
      ...taskBasicsBody(basics),
      unitPriceMinor: unitMinor as number,
      quantity: count as number,
      maxPerProvider: wholeNumber(max) as number,
      deadline: new Date(deadline).toISOString(),
    };
    await send(body, totalMinor);
  }

  const escrowLine =
    totalMinor !== null
      ? t("piecework.post.escrowLine", {
          unit: money(unitMinor as number, { trimWholeFen: true }),
          quantity: count as number,
          total: money(totalMinor, { trimWholeFen: true }),
        })
      : t("piecework.post.escrowUnknown");
  return (
    <div className="container section post-page">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("piecework.mode")}</p>
          <h1>{t("piecework.post.title")}</h1>
          <p className="section__lead">{t("piecework.post.lead")}</p>
        </div>
      </header>
      <div className={styles["post-layout"]}>
        <form
          className={styles["post-form"]}
          onSubmit={submit}
          noValidate
          aria-label={t("piecework.post.title")}
        >
          <TaskBasicsFields
            id={id}
            texts="piecework.post"
            value={basics}
            onChange={setBasics}
            errors={errors}
            briefRows={5}
          />
          <div className={styles.pair}>
            <MoneyField
              id={`${id}-unit`}
              label={t("piecework.post.fUnit")}
              hint={t("piecework.post.hUnit")}
              error={errors.unit}
              value={unit}
              onChange={setUnit}
            />
            <TextField
              id={`${id}-quantity`}
              label={t("piecework.post.fQuantity")}
              hint={t("piecework.post.hQuantity")}
              error={errors.quantity}
              inputMode="numeric"
              autoComplete="off"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
          </div>
          <p
            className={cx(styles["escrow-line"], totalMinor === null && styles["escrow-line--unknown"])}
            aria-live="polite"
            data-testid="escrow-line"
          >
            {escrowLine}
          </p>
          <div className={styles.pair}>
            <TextField
              id={`${id}-max`}
              label={t("piecework.post.fMax")}
              hint={t("piecework.post.hMax")}
              error={errors.max}
              inputMode="numeric"
              autoComplete="off"
              value={max}
              onChange={(e) => setMax(e.target.value)}
            />
            <TextField
              id={`${id}-deadline`}
              label={t("piecework.post.fDeadline")}
              hint={t("piecework.post.hDeadline")}
              error={errors.deadline}
              type="datetime-local"
              value={deadline}
              min={toLocalInput(new Date(Date.now() + 60 * 60 * 1000))}
              max={toLocalInput(new Date(Date.now() + 30 * DAY))}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </div>
          {problems(() => void submit())}
          <div className="button-row">
            <Button type="submit" variant="accent" size="lg" disabled={busy}>
              <Icon name="lock" size={18} />
              {busy
                ? t("piecework.post.sending")
                : t("piecework.post.submit", {
                    amount: totalMinor !== null ? money(totalMinor, { trimWholeFen: true }) : "—",
                  })}
            </Button>
          </div>
        </form>
        <aside className={styles.summary}>
          <Card tone="raised">
            <p className={cx(styles.muted, styles.small)}>
              {t("piecework.post.available", { amount: available !== null ? money(available) : "…" })}
            </p>
            {available !== null && totalMinor !== null && available < totalMinor && (
              <Notice tone="warn" compact>
                {t("contests.post.shortHint", { amount: money(totalMinor - available) })}
              </Notice>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
