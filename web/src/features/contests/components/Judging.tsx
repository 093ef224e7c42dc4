// The buyer's tools and the entry gallery: star rating (a native radio group, so arrow keys work),
// originality evidence, awards per prize tier with a confirmation step, and acceptance of a handover.
import { type FormEvent, useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FieldError, SelectField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { errorDetail } from "../../../lib/errors.ts";
import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { contestErrorText, type Entry, type EntryFile, type Task } from "../api.ts";
import styles from "../contests.module.css";

export function usePrizeName() {
  const { t } = useI18n();
  return (index: number) => {
    const keys: MessageKey[] = ["contests.prize.first", "contests.prize.second", "contests.prize.third"];
    const key = keys[index];
    return key ? t(key) : t("contests.prize.nth", { n: index + 1 });
  };
}

const entryStatusTone: Record<Entry["status"], BadgeTone> = {
  submitted: "brand",
  awarded: "accent",
  handed_over: "accent",
  paid: "success",
  lapsed: "danger",
  rejected: "muted",
};

const entryStatusKey: Record<Entry["status"], MessageKey> = {
  submitted: "contests.entry.status.submitted",
  awarded: "contests.entry.status.awarded",
  handed_over: "contests.entry.status.handed_over",
  paid: "contests.entry.status.paid",
  rejected: "contests.entry.status.rejected",
  lapsed: "contests.entry.status.lapsed",
};

export function StarRating({ entry, onRated }: { entry: Entry; onRated(entry: Entry): void }) {
  const { t } = useI18n();
  const name = useId();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [value, setValue] = useState(entry.rating ?? 0);
  // Arrow keys may move faster than the server answers: only the latest answer counts. The group
  // is never disabled while saving, which would throw the keyboard focus out of it.
  const latest = useRef(0);

  async function rate(stars: number) {
    const before = value;
    const request = ++latest.current;
    setValue(stars);
    setSaving(true);
    setError(null);
    try {
      const res = await api.post<{ entry: Entry }>(`/entries/${entry.id}/rating`, { stars });
      if (request === latest.current) onRated(res.entry);
    } catch (caught) {
      if (request === latest.current) {
        setValue(before);
        setError(caught);
      }
    } finally {
      if (request === latest.current) setSaving(false);
    }
  }

  return (
    <fieldset className={styles.stars} aria-busy={saving}>
      <legend className={styles.stars__legend} data-testid="stars-legend">
        {t("contests.rating.legend")}
        <span className={styles.muted}>
          {value ? t("contests.rating.value", { stars: value }) : t("contests.rating.none")}
        </span>
      </legend>
      <div className={styles.stars__row}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={cx(styles.star, n <= value && styles["is-on"])} data-testid="star">
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => rate(n)}
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t("contests.rating.option", { stars: n })}</span>
          </label>
        ))}
      </div>
      {error !== null && (
        <div role="alert">
          <FieldError id={`${name}-error`}>{contestErrorText(t, error)}</FieldError>
        </div>
      )}
    </fieldset>
  );
}

function FileView({ file, entryLabel }: { file: EntryFile; entryLabel: string }) {
  const { t } = useI18n();
  if (file.thumbnailUrl) {
    return (
      <figure className={styles["entry-file"]}>
        <a href={file.previewUrl ?? file.thumbnailUrl} target="_blank" rel="noreferrer">
          <img
            src={file.thumbnailUrl}
            alt={t("contests.entry.imageAlt", { entry: entryLabel, name: file.name })}
            width={file.width && file.height ? 320 : undefined}
            height={file.width && file.height ? Math.round((320 * file.height) / file.width) : undefined}
            loading="lazy"
          />
        </a>
        <figcaption>
          {file.originalUrl ? (
            <a href={file.originalUrl}>{t("contests.entry.downloadOriginal")}</a>
          ) : (
            <span className={styles.muted}>{t("contests.entry.watermarked")}</span>
          )}
        </figcaption>
      </figure>
    );
  }
  return (
    <p className={styles["entry-doc"]}>
      <Icon name="file" size={18} />
      {file.originalUrl ? (
        <a href={file.originalUrl}>{file.name}</a>
      ) : (
        <span>
          {file.name} <span className={styles.muted}>{t("contests.entry.afterPayment")}</span>
        </span>
      )}
    </p>
  );
}

function Originality({ entry, labelOf }: { entry: Entry; labelOf?(entryId: string): string | undefined }) {
  const { t, locale } = useI18n();
  const o = entry.originality;
  if (!o) return null;
  if (o.status === "pending") {
    return (
      <p className={cx(styles.originality, styles["originality--pending"])} role="status">
        {t("contests.originality.pending")}
      </p>
    );
  }
  if (o.status === "ok") {
    return (
      <p className={cx(styles.originality, styles["originality--ok"])}>
        <Icon name="check" size={16} />
        {t("contests.originality.ok")}
      </p>
    );
  }
  return (
    <div className={cx(styles.originality, styles["originality--flagged"])} data-testid="originality-flagged">
      <p className={styles.originality__title}>
        <Icon name="alert" size={18} />
        {t("contests.originality.flagged")}
      </p>
      <ul>
        {o.matches.map((m) => (
          <li key={m.entryId}>
            {t(
              m.taskId === entry.taskId
                ? "contests.originality.matchHere"
                : "contests.originality.matchElsewhere",
              {
                distance: m.distance,
                time: formatDateTime(m.submittedAt, locale),
                which: (m.taskId === entry.taskId && labelOf?.(m.entryId)) || "",
              },
            )}{" "}
            <span className={styles.muted}>
              {t("contests.originality.ids", { entry: m.entryId.slice(0, 8), task: m.taskId.slice(0, 8) })}
            </span>
          </li>
        ))}
      </ul>
      <p className={styles.muted}>{t("contests.originality.explain")}</p>
    </div>
  );
}

function AcceptButton({ entry, onDone }: { entry: Entry; onDone(): void }) {
  const { t, money } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey);
  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/entries/${entry.id}/accept`, undefined, { idempotencyKey: key });
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  if (!confirming) {
    return (
      <Button variant="accent" onClick={() => setConfirming(true)}>
        <Icon name="check" size={18} />
        {t("contests.accept.action")}
      </Button>
    );
  }
  return (
    <div className={styles.confirm}>
      <p>
        {t("contests.accept.confirm", {
          amount: money(entry.award?.amountMinor ?? 0),
          name: entry.provider.displayName,
        })}
      </p>
      <div className="button-row">
        <Button variant="accent" onClick={accept} disabled={busy}>
          {t("contests.accept.confirmAction")}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
          {t("contests.cancel")}
        </Button>
      </div>
      {error !== null && (
        <div role="alert">
          <FieldError id={`entry-${entry.id}-accept-error`}>{contestErrorText(t, error)}</FieldError>
        </div>
      )}
    </div>
  );
}

export type EntryRole = { isBuyer: boolean; isOwn: boolean };

/**
 * The handover deadline of an award, to the winner and the buyer ("hand over by …", with the time
 * zone), and a lapsed award with its date (API.md: `Entry.award.handoverDueAt`, `lapsedAt`).
 */
function HandoverDeadline({ entry, role }: { entry: Entry; role: EntryRole }) {
  const { t, locale } = useI18n();
  const award = entry.award;
  if (!award || !(role.isBuyer || role.isOwn)) return null;
  const due = award.handoverDueAt ? formatDateTime(award.handoverDueAt, locale, { zone: true }) : "";
  if (award.lapsedAt) {
    return (
      <p className={cx(styles.entry__deadline, styles["entry__deadline--lapsed"])}>
        <Icon name="alert" size={18} />
        <span>
          {t(due ? "contests.entry.lapsedAt" : "contests.entry.lapsedAtNoDue", {
            time: formatDateTime(award.lapsedAt, locale, { zone: true }),
            due,
          })}
        </span>
      </p>
    );
  }
  if (entry.status !== "awarded" || !due) return null;
  return (
    <p className={styles.entry__deadline}>
      <Icon name="clock" size={18} />
      <span>
        {role.isOwn
          ? t("contests.entry.handOverBy", { due })
          : t("contests.entry.handOverByBuyer", { due, name: entry.provider.displayName })}
      </span>
    </p>
  );
}

export function EntryCard({
  entry,
  number,
  task,
  role,
  onChanged,
  onRated,
  labelOf,
  children,
}: {
  entry: Entry;
  number: number;
  task: Task;
  role: EntryRole;
  onChanged(): void;
  onRated(entry: Entry): void;
  /** "#2 Name" for another entry of this contest (originality evidence). */
  labelOf?(entryId: string): string | undefined;
  children?: React.ReactNode;
}) {
  const { t, locale, money } = useI18n();
  const prizeName = usePrizeName();
  const label = t("contests.entry.label", { n: number, name: entry.provider.displayName });
  const headingId = `entry-${entry.id}`;
  const canRate = role.isBuyer && ["open", "selecting", "awarded"].includes(task.status);
  return (
    <Card
      as="li"
      className={cx(styles.entry, styles[`entry--${entry.status}`])}
      aria-labelledby={headingId}
      data-testid="entry"
    >
      <div className={styles.entry__head}>
        <h3 id={headingId} className={styles.entry__title}>
          {label}
          {role.isOwn && <Badge>{t("contests.entry.yours")}</Badge>}
        </h3>
        <Badge tone={entryStatusTone[entry.status]} className={styles["entry-status"]}>
          {t(entryStatusKey[entry.status])}
        </Badge>
      </div>
      <p className={cx(styles.entry__time, styles.muted)}>
        {t("contests.entry.submittedAt", { time: formatDateTime(entry.submittedAt, locale) })}
      </p>
      {entry.award && (
        <p className={cx(styles.entry__award, entry.award.lapsedAt && styles["entry__award--lapsed"])}>
          <Icon name="trophy" size={18} />
          {t(entry.award.lapsedAt ? "contests.entry.wonLapsed" : "contests.entry.won", {
            prize: prizeName(entry.award.prizeIndex),
            amount: money(entry.award.amountMinor, { trimWholeFen: true }),
          })}
        </p>
      )}
      <HandoverDeadline entry={entry} role={role} />
      {entry.files.length > 0 && (
        <div className={styles.entry__files}>
          {entry.files.map((file) => (
            <FileView key={file.id} file={file} entryLabel={label} />
          ))}
        </div>
      )}
      {entry.text && <p className={styles.entry__text}>{entry.text}</p>}
      {role.isBuyer && <Originality entry={entry} labelOf={labelOf} />}
      {canRate && <StarRating entry={entry} onRated={onRated} />}
      {entry.handover && (
        <div className={styles.handover}>
          <h4>{t("contests.handover.received", { time: formatDateTime(entry.handover.at, locale) })}</h4>
          {entry.handover.text && <p className={styles.entry__text}>{entry.handover.text}</p>}
          {entry.handover.files.length > 0 && (
            <div className={styles.entry__files}>
              {entry.handover.files.map((file) => (
                <FileView key={file.id} file={file} entryLabel={label} />
              ))}
            </div>
          )}
          {role.isBuyer && entry.status === "handed_over" && (
            <p className={styles.muted}>{t("contests.handover.ownership")}</p>
          )}
        </div>
      )}
      {role.isBuyer && entry.status === "handed_over" && <AcceptButton entry={entry} onDone={onChanged} />}
      {entry.status === "paid" && entry.paidAt && (
        <p className={styles.entry__paid}>
          <Icon name="check" size={18} />
          {t("contests.entry.paidAt", { time: formatDateTime(entry.paidAt, locale) })}
        </p>
      )}
      {children}
    </Card>
  );
}

type Prize = Task["prizes"][number];

/**
 * The prizes the buyer may award now: every open prize before the first award, afterwards those
 * whose award lapsed, while their re-award period lasts (API.md "Contest rules the API enforces").
 */
export function awardablePrizes(task: Task, now: number): Prize[] {
  if (task.status === "open" || task.status === "selecting") {
    return task.prizes.filter((p) => p.status === "open");
  }
  if (task.status !== "awarded") return [];
  return task.prizes.filter(
    (p) => p.status === "reawardable" && p.reawardEndsAt !== null && Date.parse(p.reawardEndsAt) > now,
  );
}

/** The server's tier-order and guaranteed-contest refusals carry the tiers: say them in the reader's language. */
function refusalKey(
  error: unknown,
): { key: MessageKey; prizeIndex?: number; missing: number; count?: number } | null {
  if (!isApiError(error, "invalid_input")) return null;
  const d = (error.details ?? {}) as {
    prizeIndex?: unknown;
    missingPrizeIndex?: unknown;
    required?: unknown;
  };
  if (typeof d.missingPrizeIndex !== "number") return null;
  if (typeof d.required === "number") {
    return { key: "contests.award.guaranteedMissing", missing: d.missingPrizeIndex, count: d.required };
  }
  if (typeof d.prizeIndex === "number") {
    return { key: "contests.award.tierOrder", prizeIndex: d.prizeIndex, missing: d.missingPrizeIndex };
  }
  return null;
}

/**
 * Choose an entry per prize tier, check the rules, confirm, award (Idempotency-Key). The same panel
 * awards a lapsed prize again (the contest is then `awarded`): only entries of providers who hold no
 * award here, live or lapsed, can win it. Tiers go in order: a lower tier's choice is disabled until
 * every tier above it that is still to be awarded has a winner.
 */
export function AwardPanel({
  task,
  entries,
  now,
  onDone,
}: {
  task: Task;
  entries: Entry[];
  now: number;
  onDone(): void;
}) {
  const { t, locale, money } = useI18n();
  const prizeName = usePrizeName();
  const id = useId();
  const [choice, setChoice] = useState<Record<number, string>>({});
  const [step, setStep] = useState<"choose" | "confirm">("choose");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  const reaward = task.status === "awarded";
  const offered = awardablePrizes(task, now);
  const numbered = entries.map((entry, index) => ({ entry, n: index + 1 }));
  const byId = new Map(numbered.map((x) => [x.entry.id, x]));
  // Who may still win: a provider wins one prize per contest, and a lapsed winner none more.
  const holders = new Set(task.awards.map((a) => a.providerId));
  const eligible = numbered.filter(
    ({ entry }) => entry.status === "submitted" && !holders.has(entry.providerId),
  );
  const providers = new Set(eligible.map((x) => x.entry.providerId)).size;
  const required = task.guaranteed && !reaward ? Math.min(offered.length, providers) : 1;
  const chosen = offered
    .map((p) => ({ entryId: choice[p.prizeIndex] ?? "", prizeIndex: p.prizeIndex }))
    .filter((c) => c.entryId);
  /** The first tier above `prizeIndex` still to be awarded and not chosen yet (tier order). */
  const blockedBy = (prizeIndex: number) =>
    offered.find((p) => p.prizeIndex < prizeIndex && !choice[p.prizeIndex]);
  const lapsedAward = (prizeIndex: number) =>
    task.awards.findLast((a) => a.prizeIndex === prizeIndex && a.status === "lapsed");

  function describe(entry: Entry, n: number) {
    const text = entry.text ? ` — ${entry.text.slice(0, 24)}${entry.text.length > 24 ? "…" : ""}` : "";
    const stars = entry.rating ? ` ★${entry.rating}` : "";
    return `#${n} ${entry.provider.displayName}${stars}${text}`;
  }

  function choose(prizeIndex: number, entryId: string) {
    const next = { ...choice, [prizeIndex]: entryId };
    // A tier left without a winner takes the tiers below it along (they would be out of order).
    if (!entryId) for (const p of offered) if (p.prizeIndex > prizeIndex) next[p.prizeIndex] = "";
    setChoice(next);
    setProblem(null);
    setError(null);
  }

  function check(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const ids = chosen.map((c) => c.entryId);
    const providerIds = ids.map((entryId) => byId.get(entryId)?.entry.providerId);
    if (chosen.length === 0) return setProblem(t("contests.award.none"));
    const gap = chosen.map((c) => ({ c, above: blockedBy(c.prizeIndex) })).find((x) => x.above);
    if (gap?.above) {
      return setProblem(
        t("contests.award.tierOrder", {
          prize: prizeName(gap.c.prizeIndex),
          missing: prizeName(gap.above.prizeIndex),
        }),
      );
    }
    if (new Set(ids).size !== ids.length) return setProblem(t("contests.award.sameEntry"));
    if (new Set(providerIds).size !== providerIds.length) return setProblem(t("contests.award.sameProvider"));
    if (chosen.length < required) return setProblem(t("contests.award.guaranteed", { count: required }));
    setProblem(null);
    setStep("confirm");
  }

  async function award() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tasks/${task.id}/awards`, { awards: chosen }, { idempotencyKey: key });
      setChoice({});
      setStep("choose");
      onDone();
    } catch (caught) {
      const refusal = refusalKey(caught);
      const message = refusal
        ? t(refusal.key, {
            prize: refusal.prizeIndex === undefined ? "" : prizeName(refusal.prizeIndex),
            missing: prizeName(refusal.missing),
            count: refusal.count ?? 0,
          })
        : contestErrorText(t, caught);
      setError({ message, detail: errorDetail(caught) });
      // A refused award moved nothing: the next attempt may differ, so it gets a new key.
      setKey(newIdempotencyKey());
      if (isApiError(caught, "invalid_input")) {
        // Back to the choices, with the reason beside them; the entries may have changed meanwhile.
        setStep("choose");
        onDone();
      }
    } finally {
      setBusy(false);
    }
  }

  const errorNotice = error && (
    <Notice tone="error" detail={error.detail}>
      {error.message}
    </Notice>
  );

  if (offered.length === 0) return null;
  return (
    <Card as="section" tone="tinted" className={styles["award-panel"]} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(reaward ? "contests.reaward.title" : "contests.award.title")}</h2>
      <p className={styles.muted}>
        {reaward
          ? t("contests.reaward.intro")
          : t(task.status === "open" ? "contests.award.introOpen" : "contests.award.introSelecting")}{" "}
        {!reaward &&
          task.guaranteed &&
          required > 0 &&
          t("contests.award.guaranteedHint", { count: required })}
        {offered.length > 1 && ` ${t("contests.award.tierOrderHint")}`}
      </p>
      {step === "choose" ? (
        <form onSubmit={check} noValidate>
          {offered.map((prize) => {
            const { prizeIndex, amountMinor } = prize;
            const above = blockedBy(prizeIndex);
            const lapsed = reaward ? lapsedAward(prizeIndex) : undefined;
            const hints: string[] = [];
            if (lapsed?.lapsedAt && prize.reawardEndsAt) {
              const name = byId.get(lapsed.entryId)?.entry.provider.displayName ?? "";
              hints.push(
                t("contests.reaward.lapsed", {
                  name,
                  time: formatDateTime(lapsed.lapsedAt, locale, { zone: true }),
                }),
                t(
                  eligible.length === 0
                    ? "contests.reaward.nobody"
                    : task.guaranteed
                      ? "contests.reaward.untilGuaranteed"
                      : "contests.reaward.untilRefundable",
                  { until: formatDateTime(prize.reawardEndsAt, locale, { zone: true }) },
                ),
              );
            }
            if (above && eligible.length > 0) {
              hints.push(t("contests.award.chooseAboveFirst", { missing: prizeName(above.prizeIndex) }));
            }
            return (
              <SelectField
                key={prizeIndex}
                id={`${id}-prize-${prizeIndex}`}
                label={`${prizeName(prizeIndex)} · ${money(amountMinor, { trimWholeFen: true })}`}
                hint={
                  hints.length > 0 &&
                  hints.map((hint) => (
                    <span key={hint} className={styles["award-hint"]}>
                      {hint}
                    </span>
                  ))
                }
                value={choice[prizeIndex] ?? ""}
                disabled={Boolean(above) || eligible.length === 0}
                onChange={(e) => choose(prizeIndex, e.target.value)}
              >
                <option value="">{t("contests.award.noWinner")}</option>
                {eligible.map(({ entry, n }) => (
                  <option key={entry.id} value={entry.id}>
                    {describe(entry, n)}
                  </option>
                ))}
              </SelectField>
            );
          })}
          {problem && (
            <div role="alert">
              <FieldError id={`${id}-problem`}>{problem}</FieldError>
            </div>
          )}
          {errorNotice}
          {eligible.length > 0 && (
            <Button type="submit" variant="accent">
              <Icon name="trophy" size={18} />
              {t("contests.award.review")}
            </Button>
          )}
        </form>
      ) : (
        <section className={styles.confirm} aria-labelledby={`${id}-confirm`}>
          <h3 id={`${id}-confirm`}>{t("contests.award.confirmTitle")}</h3>
          <ul className={styles.confirm__list}>
            {chosen.map((c) => {
              const x = byId.get(c.entryId);
              return (
                <li key={c.prizeIndex}>
                  <strong>
                    {prizeName(c.prizeIndex)}{" "}
                    {money(task.prizesMinor[c.prizeIndex] ?? 0, { trimWholeFen: true })}
                  </strong>{" "}
                  → {x ? describe(x.entry, x.n) : c.entryId}
                </li>
              );
            })}
          </ul>
          <p>{t(reaward ? "contests.reaward.confirmBody" : "contests.award.confirmBody")}</p>
          <div className="button-row">
            <Button variant="accent" onClick={award} disabled={busy}>
              {busy ? t("contests.sending") : t("contests.award.confirmAction")}
            </Button>
            <Button variant="secondary" onClick={() => setStep("choose")} disabled={busy}>
              {t("contests.award.back")}
            </Button>
          </div>
          {errorNotice}
        </section>
      )}
    </Card>
  );
}
