// The buyer's tools and the entry gallery: star rating (a native radio group, so arrow keys work),
// originality evidence, awards per prize tier with a confirmation step, and acceptance of a handover.
import { type FormEvent, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import { Button } from "../../components/Button.tsx";
import { Card } from "../../components/Card.tsx";
import { Icon } from "../../components/Icon.tsx";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages.ts";
import { type Entry, type EntryFile, errorDetail, errorMessageKey, newKey, type Task } from "./api.ts";
import { formatDateTime } from "./time.ts";

export function usePrizeName() {
  const { t } = useI18n();
  return (index: number) => {
    const keys: MessageKey[] = ["contests.prize.first", "contests.prize.second", "contests.prize.third"];
    const key = keys[index];
    return key ? t(key) : t("contests.prize.nth", { n: index + 1 });
  };
}

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
    <fieldset className="stars" aria-busy={saving}>
      <legend className="stars__legend">
        {t("contests.rating.legend")}
        <span className="muted">
          {value ? t("contests.rating.value", { stars: value }) : t("contests.rating.none")}
        </span>
      </legend>
      <div className="stars__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= value ? "star is-on" : "star"}>
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
        <p className="c-field__error" role="alert">
          {t(errorMessageKey(error))}
        </p>
      )}
    </fieldset>
  );
}

function FileView({ file, entryLabel }: { file: EntryFile; entryLabel: string }) {
  const { t } = useI18n();
  if (file.thumbnailUrl) {
    return (
      <figure className="entry-file">
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
            <span className="muted">{t("contests.entry.watermarked")}</span>
          )}
        </figcaption>
      </figure>
    );
  }
  return (
    <p className="entry-doc">
      <Icon name="file" size={18} />
      {file.originalUrl ? (
        <a href={file.originalUrl}>{file.name}</a>
      ) : (
        <span>
          {file.name} <span className="muted">{t("contests.entry.afterPayment")}</span>
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
      <p className="originality originality--pending" role="status">
        {t("contests.originality.pending")}
      </p>
    );
  }
  if (o.status === "ok") {
    return (
      <p className="originality originality--ok">
        <Icon name="check" size={16} />
        {t("contests.originality.ok")}
      </p>
    );
  }
  return (
    <div className="originality originality--flagged">
      <p className="originality__title">
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
                time: formatDateTime(locale, m.submittedAt),
                which: (m.taskId === entry.taskId && labelOf?.(m.entryId)) || "",
              },
            )}{" "}
            <span className="muted">
              {t("contests.originality.ids", { entry: m.entryId.slice(0, 8), task: m.taskId.slice(0, 8) })}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted">{t("contests.originality.explain")}</p>
    </div>
  );
}

function AcceptButton({ entry, onDone }: { entry: Entry; onDone(): void }) {
  const { t, money } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newKey);
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
    <div className="confirm">
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
        <p className="c-field__error" role="alert">
          {t(errorMessageKey(error))}
        </p>
      )}
    </div>
  );
}

export type EntryRole = { isBuyer: boolean; isOwn: boolean };

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
    <Card as="li" className={`entry entry--${entry.status}`} aria-labelledby={headingId}>
      <div className="entry__head">
        <h3 id={headingId} className="entry__title">
          {label}
          {role.isOwn && <span className="badge">{t("contests.entry.yours")}</span>}
        </h3>
        <span className={`badge entry-status entry-status--${entry.status}`}>
          {t(entryStatusKey[entry.status])}
        </span>
      </div>
      <p className="entry__time muted">
        {t("contests.entry.submittedAt", { time: formatDateTime(locale, entry.submittedAt) })}
      </p>
      {entry.award && (
        <p className="entry__award">
          <Icon name="trophy" size={18} />
          {t("contests.entry.won", {
            prize: prizeName(entry.award.prizeIndex),
            amount: money(entry.award.amountMinor, { trimWholeFen: true }),
          })}
        </p>
      )}
      {entry.files.length > 0 && (
        <div className="entry__files">
          {entry.files.map((file) => (
            <FileView key={file.id} file={file} entryLabel={label} />
          ))}
        </div>
      )}
      {entry.text && <p className="entry__text">{entry.text}</p>}
      {role.isBuyer && <Originality entry={entry} labelOf={labelOf} />}
      {canRate && <StarRating entry={entry} onRated={onRated} />}
      {entry.handover && (
        <div className="handover">
          <h4>{t("contests.handover.received", { time: formatDateTime(locale, entry.handover.at) })}</h4>
          {entry.handover.text && <p className="entry__text">{entry.handover.text}</p>}
          {entry.handover.files.length > 0 && (
            <div className="entry__files">
              {entry.handover.files.map((file) => (
                <FileView key={file.id} file={file} entryLabel={label} />
              ))}
            </div>
          )}
          {role.isBuyer && entry.status === "handed_over" && (
            <p className="muted">{t("contests.handover.ownership")}</p>
          )}
        </div>
      )}
      {role.isBuyer && entry.status === "handed_over" && <AcceptButton entry={entry} onDone={onChanged} />}
      {entry.status === "paid" && entry.paidAt && (
        <p className="entry__paid">
          <Icon name="check" size={18} />
          {t("contests.entry.paidAt", { time: formatDateTime(locale, entry.paidAt) })}
        </p>
      )}
      {children}
    </Card>
  );
}

/** Choose an entry per prize tier, check the rules, confirm, award (Idempotency-Key). */
export function AwardPanel({ task, entries, onDone }: { task: Task; entries: Entry[]; onDone(): void }) {
  const { t, money } = useI18n();
  const prizeName = usePrizeName();
  const id = useId();
  const [choice, setChoice] = useState<string[]>(() => task.prizesMinor.map(() => ""));
  const [step, setStep] = useState<"choose" | "confirm">("choose");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);

  const numbered = entries.map((entry, index) => ({ entry, n: index + 1 }));
  const byId = new Map(numbered.map((x) => [x.entry.id, x]));
  const providers = new Set(entries.map((e) => e.providerId)).size;
  const required = task.guaranteed ? Math.min(task.prizesMinor.length, providers) : 1;
  const chosen = choice.map((entryId, prizeIndex) => ({ entryId, prizeIndex })).filter((c) => c.entryId);

  function describe(entry: Entry, n: number) {
    const text = entry.text ? ` — ${entry.text.slice(0, 24)}${entry.text.length > 24 ? "…" : ""}` : "";
    const stars = entry.rating ? ` ★${entry.rating}` : "";
    return `#${n} ${entry.provider.displayName}${stars}${text}`;
  }

  function check(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const ids = chosen.map((c) => c.entryId);
    const providerIds = ids.map((entryId) => byId.get(entryId)?.entry.providerId);
    if (chosen.length === 0) return setProblem(t("contests.award.none"));
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
      onDone();
    } catch (caught) {
      setError({ message: t(errorMessageKey(caught)), detail: errorDetail(caught) });
      // A refused award moved nothing: the next attempt may differ, so it gets a new key.
      setKey(newKey());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="award-panel card card--tinted" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("contests.award.title")}</h2>
      <p className="muted">
        {t(task.status === "open" ? "contests.award.introOpen" : "contests.award.introSelecting")}{" "}
        {task.guaranteed && required > 0 && t("contests.award.guaranteedHint", { count: required })}
      </p>
      {step === "choose" ? (
        <form onSubmit={check} noValidate>
          {task.prizesMinor.map((amount, prizeIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: prizes are positional (1st, 2nd, …) and never reorder.
            <div className="c-field award-field" key={`${prizeIndex}-${amount}`}>
              <label htmlFor={`${id}-prize-${prizeIndex}`}>
                {prizeName(prizeIndex)} · {money(amount, { trimWholeFen: true })}
              </label>
              <select
                id={`${id}-prize-${prizeIndex}`}
                value={choice[prizeIndex]}
                onChange={(e) => {
                  const next = [...choice];
                  next[prizeIndex] = e.target.value;
                  setChoice(next);
                  setProblem(null);
                }}
              >
                <option value="">{t("contests.award.noWinner")}</option>
                {numbered.map(({ entry, n }) => (
                  <option key={entry.id} value={entry.id}>
                    {describe(entry, n)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {problem && (
            <p className="c-field__error" role="alert">
              {problem}
            </p>
          )}
          <Button type="submit" variant="accent">
            <Icon name="trophy" size={18} />
            {t("contests.award.review")}
          </Button>
        </form>
      ) : (
        <section className="confirm" aria-labelledby={`${id}-confirm`}>
          <h3 id={`${id}-confirm`}>{t("contests.award.confirmTitle")}</h3>
          <ul className="confirm__list">
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
          <p>{t("contests.award.confirmBody")}</p>
          <div className="button-row">
            <Button variant="accent" onClick={award} disabled={busy}>
              {busy ? t("contests.sending") : t("contests.award.confirmAction")}
            </Button>
            <Button variant="secondary" onClick={() => setStep("choose")} disabled={busy}>
              {t("contests.award.back")}
            </Button>
          </div>
          {error && (
            <div className="notice notice--error" role="alert">
              <Icon name="alert" size={20} />
              <p>
                {error.message}
                {error.detail && <span className="error-detail">{error.detail}</span>}
              </p>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
