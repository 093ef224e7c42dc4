// Verification: confirm the e-mail address and a phone number with 6-digit codes; submit real-name
// (person) or enterprise verification and follow its review; badges appear on the public profile.
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import type { IdentityVerification, Me, MeResult } from "../../../../../contracts/accounts.ts";
import { useApi } from "../../../api/useApi.ts";
import { RequireAuth, useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { FormMessage, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { type FieldErrors, fieldErrorsFrom, focusFirstError, formErrorText } from "../../../lib/errors.ts";

export function VerificationPage() {
  const { t } = useI18n();
  useDocumentTitle(t("verify.title"));
  return (
    <RequireAuth>
      {(user) => (
        <div className="container page">
          <header className="page__header">
            <h1>{t("verify.title")}</h1>
            <p className="page__lead">{t("verify.lead")}</p>
            <p>
              <Link to={`/users/${user.id}`}>{t("verify.seeProfile")}</Link>
            </p>
          </header>
          <div className="page__grid">
            <EmailCard user={user} />
            <PhoneCard user={user} />
            <IdentitySection user={user} />
          </div>
        </div>
      )}
    </RequireAuth>
  );
}

type Status = "unverified" | "verified" | "none" | "pending" | "rejected";
const statusKey: Record<Status, MessageKey> = {
  unverified: "verify.status.unverified",
  verified: "verify.status.verified",
  none: "verify.status.none",
  pending: "verify.status.pending",
  rejected: "verify.status.rejected",
};

function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  const tone =
    status === "verified"
      ? "success"
      : status === "pending"
        ? "accent"
        : status === "rejected"
          ? "danger"
          : "muted";
  return (
    <span className={`badge badge--${tone}`}>
      {status === "verified" && <Icon name="check" size={14} />}
      {t(statusKey[status])}
    </span>
  );
}

type CodeSent = { sentTo: string; expiresAt: string };

/** Send a code, then type it: shared by e-mail and phone. */
function CodeForm({
  channel,
  sent,
  onConfirmed,
}: {
  channel: "email" | "phone";
  sent: CodeSent;
  onConfirmed(user: Me): void;
}) {
  const { t, locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setFormError(undefined);
    if (!/^\d{6}$/.test(code)) {
      setErrors({ code: t("form.error.code") });
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await api.post<MeResult>(`/me/verification/${channel}/confirm`, { code });
      onConfirmed(result.user);
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(formErrorText(t, error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={submit} aria-busy={busy}>
      <FormMessage kind="success">
        {t("verify.code.sent", { to: sent.sentTo, until: formatDateTime(sent.expiresAt, locale) })}
      </FormMessage>
      {formError && <FormMessage kind="error">{formError}</FormMessage>}
      <TextField
        id={`${channel}-code`}
        name="code"
        label={t("verify.code.label")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        error={errors.code}
      />
      <div className="button-row">
        <Button type="submit" disabled={busy}>
          {busy ? t("form.saving") : t("verify.code.confirm")}
        </Button>
      </div>
    </form>
  );
}

function EmailCard({ user }: { user: Me }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [sent, setSent] = useState<CodeSent>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const status = user.verification.email;

  async function send() {
    setBusy(true);
    setError(undefined);
    try {
      setSent(await api.post<CodeSent>("/me/verification/email/send"));
    } catch (cause) {
      setError(formErrorText(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className="panel" aria-labelledby="email-title">
      <div className="panel__head">
        <h2 id="email-title">{t("verify.email.title")}</h2>
        <StatusBadge status={status} />
      </div>
      <p className="panel__lead">{user.email}</p>
      {status === "unverified" && (
        <>
          {error && <FormMessage kind="error">{error}</FormMessage>}
          {sent ? (
            <CodeForm channel="email" sent={sent} onConfirmed={(next) => auth.updateUser(next)} />
          ) : (
            <Button variant="secondary" onClick={send} disabled={busy}>
              {busy ? t("verify.code.sending") : t("verify.code.send")}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function PhoneCard({ user }: { user: Me }) {
  const { t } = useI18n();
  const auth = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [sent, setSent] = useState<CodeSent>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const status = user.verification.phone;

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const phone = String(new FormData(event.currentTarget).get("phone") ?? "").trim();
    setFormError(undefined);
    if (!phone) {
      setErrors({ phone: t("form.error.required") });
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setSent(await api.post<CodeSent>("/me/verification/phone/send", { phone }));
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      if (isApiError(error, "conflict")) fields.phone = t("verify.phone.taken");
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(formErrorText(t, error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className="panel" aria-labelledby="phone-title">
      <div className="panel__head">
        <h2 id="phone-title">{t("verify.phone.title")}</h2>
        <StatusBadge status={status} />
      </div>
      {status === "verified" ? (
        <p className="panel__lead">{user.verification.phoneMasked}</p>
      ) : sent ? (
        <CodeForm channel="phone" sent={sent} onConfirmed={(next) => auth.updateUser(next)} />
      ) : (
        <form ref={formRef} className="form" noValidate onSubmit={send} aria-busy={busy}>
          {formError && <FormMessage kind="error">{formError}</FormMessage>}
          <TextField
            id="phone"
            type="tel"
            label={t("verify.phone.label")}
            hint={t("verify.phone.hint")}
            autoComplete="tel"
            inputMode="tel"
            error={errors.phone}
          />
          <div className="button-row">
            <Button type="submit" variant="secondary" disabled={busy}>
              {busy ? t("verify.code.sending") : t("verify.code.send")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

function IdentitySection({ user }: { user: Me }) {
  const [attempt, setAttempt] = useState(0);
  const own = useApi(
    (signal) => api.get<{ items: IdentityVerification[] }>("/me/verification/identity", { signal }),
    [attempt, user.verification.realName, user.verification.enterprise],
  );
  const latest = (kind: "person" | "enterprise") =>
    own.status === "ready" ? own.data.items.find((item) => item.kind === kind) : undefined;
  return (
    <>
      <IdentityCard
        kind="person"
        status={user.verification.realName}
        latest={latest("person")}
        onSubmitted={() => setAttempt((n) => n + 1)}
      />
      <IdentityCard
        kind="enterprise"
        status={user.verification.enterprise}
        latest={latest("enterprise")}
        onSubmitted={() => setAttempt((n) => n + 1)}
      />
    </>
  );
}

function IdentityCard({
  kind,
  status,
  latest,
  onSubmitted,
}: {
  kind: "person" | "enterprise";
  status: "none" | "pending" | "verified" | "rejected";
  latest: IdentityVerification | undefined;
  onSubmitted(): void;
}) {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const person = kind === "person";
  const numberField = person ? "idNumber" : "creditCode";
  const titleId = `${kind}-title`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const legalName = String(data.get(`${kind}-legalName`) ?? "").trim();
    const number = String(data.get(`${kind}-${numberField}`) ?? "")
      .trim()
      .toUpperCase();
    const next: FieldErrors = {};
    if (!legalName) next.legalName = t("form.error.required");
    if (person && !/^\d{17}[\dX]$/.test(number)) next[numberField] = t("form.error.idNumber");
    if (!person && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(number)) next[numberField] = t("form.error.creditCode");
    setErrors(next);
    setFormError(undefined);
    if (Object.keys(next).length > 0) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api.post("/me/verification/identity", { kind, legalName, [numberField]: number });
      await auth.refresh();
      onSubmitted();
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) {
        setFormError(
          isApiError(error, "conflict") ? t("verify.identity.alreadyOpen") : formErrorText(t, error),
        );
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className="panel" aria-labelledby={titleId}>
      <div className="panel__head">
        <h2 id={titleId}>{person ? t("verify.realName.title") : t("verify.enterprise.title")}</h2>
        <StatusBadge status={status} />
      </div>
      <p className="panel__lead">{person ? t("verify.realName.lead") : t("verify.enterprise.lead")}</p>
      {latest && status !== "none" && (
        <dl className="details">
          <div>
            <dt>{t("verify.identity.legalName")}</dt>
            <dd>{latest.legalName}</dd>
          </div>
          <div>
            <dt>{t("verify.identity.number")}</dt>
            <dd className="mono">{latest.numberMasked}</dd>
          </div>
          <div>
            <dt>{t("verify.identity.submittedAt")}</dt>
            <dd>{formatDateTime(latest.submittedAt, locale)}</dd>
          </div>
        </dl>
      )}
      {status === "pending" && (
        <p className="notice" role="status">
          {t("verify.identity.pending")}
        </p>
      )}
      {status === "rejected" && latest?.reason && (
        <div className="notice notice--error">
          <Icon name="alert" size={20} />
          <p>{t("verify.identity.rejectedBecause", { reason: latest.reason })}</p>
        </div>
      )}
      {(status === "none" || status === "rejected") && (
        <form ref={formRef} className="form" noValidate onSubmit={submit} aria-busy={busy}>
          {formError && <FormMessage kind="error">{formError}</FormMessage>}
          <TextField
            id={`${kind}-legalName`}
            label={person ? t("verify.realName.name") : t("verify.enterprise.name")}
            autoComplete={person ? "name" : "organization"}
            maxLength={100}
            error={errors.legalName}
          />
          <TextField
            id={`${kind}-${numberField}`}
            label={person ? t("verify.realName.number") : t("verify.enterprise.number")}
            hint={person ? t("verify.realName.numberHint") : t("verify.enterprise.numberHint")}
            autoComplete="off"
            maxLength={18}
            className="field__input mono"
            error={errors[numberField]}
          />
          <div className="button-row">
            <Button type="submit" disabled={busy}>
              {busy ? t("verify.identity.submitting") : t("verify.identity.submit")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
