// Verification: confirm the e-mail address and a phone number with 6-digit codes; submit real-name
// (person) or enterprise verification and follow its review; badges appear on the public profile.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import {
  ConfirmCodeBody,
  type IdentityVerification,
  type Me,
  type MeResult,
  SendPhoneCodeBody,
  SubmitIdentityBody,
} from "../../../../../contracts/accounts.ts";
import { RequireAuth, useAuth } from "../../../app/auth/AuthProvider.tsx";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../../app/i18n/messages.ts";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, formClass, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import {
  errorText,
  type FieldErrors,
  fieldErrorsFrom,
  focusFirstError,
  validate,
} from "../../../lib/errors.ts";
import { ownIdentityQuery } from "../api.ts";

export function VerificationPage() {
  const { t } = useI18n();
  useDocumentTitle(t("verify.title"));
  return (
    <RequireAuth>
      {(user) => (
        <div className={cx("container", page.page)}>
          <header className={page.header}>
            <h1>{t("verify.title")}</h1>
            <p className={page.lead}>{t("verify.lead")}</p>
            <p>
              <Link to={`/users/${user.id}`}>{t("verify.seeProfile")}</Link>
            </p>
          </header>
          <div className={page.grid}>
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
  const tone: BadgeTone =
    status === "verified"
      ? "success"
      : status === "pending"
        ? "accent"
        : status === "rejected"
          ? "danger"
          : "muted";
  return (
    <Badge tone={tone}>
      {status === "verified" && <Icon name="check" size={14} />}
      {t(statusKey[status])}
    </Badge>
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
    const checked = validate(t, ConfirmCodeBody, {
      code: new FormData(event.currentTarget).get("code") ?? "",
    });
    setFormError(undefined);
    if (checked.errors) {
      setErrors(checked.errors);
      focusFirstError(formRef.current);
      return;
    }
    const { code } = checked.data;
    setErrors({});
    setBusy(true);
    try {
      const result = await api.post<MeResult>(`/me/verification/${channel}/confirm`, { code });
      onConfirmed(result.user);
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorText(t, error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
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
      setError(errorText(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="email-title">
      <div className={page.panelHead}>
        <h2 id="email-title">{t("verify.email.title")}</h2>
        <StatusBadge status={status} />
      </div>
      <p className={page.panelLead}>{user.email}</p>
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
    const checked = validate(t, SendPhoneCodeBody, { phone });
    setFormError(undefined);
    if (checked.errors) {
      setErrors(checked.errors);
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
      if (Object.keys(fields).length === 0) setFormError(errorText(t, error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby="phone-title">
      <div className={page.panelHead}>
        <h2 id="phone-title">{t("verify.phone.title")}</h2>
        <StatusBadge status={status} />
      </div>
      {status === "verified" ? (
        <p className={page.panelLead}>{user.verification.phoneMasked}</p>
      ) : sent ? (
        <CodeForm channel="phone" sent={sent} onConfirmed={(next) => auth.updateUser(next)} />
      ) : (
        <form ref={formRef} className={formClass} noValidate onSubmit={send} aria-busy={busy}>
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
  const client = useQueryClient();
  // Keyed by the statuses too: an operator's decision (seen through /me) loads the latest again.
  const own = useQuery({
    ...ownIdentityQuery,
    queryKey: [...ownIdentityQuery.queryKey, user.verification.realName, user.verification.enterprise],
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ownIdentityQuery.queryKey });
  const latest = (kind: "person" | "enterprise") => own.data?.items.find((item) => item.kind === kind);
  return (
    <>
      <IdentityCard
        kind="person"
        status={user.verification.realName}
        latest={latest("person")}
        onSubmitted={refresh}
      />
      <IdentityCard
        kind="enterprise"
        status={user.verification.enterprise}
        latest={latest("enterprise")}
        onSubmitted={refresh}
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
    const checked = validate(t, SubmitIdentityBody, {
      kind,
      legalName: String(data.get(`${kind}-legalName`) ?? ""),
      [numberField]: String(data.get(`${kind}-${numberField}`) ?? ""),
    });
    setErrors(checked.errors ?? {});
    setFormError(undefined);
    if (checked.errors) {
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api.post("/me/verification/identity", checked.data);
      await auth.refresh();
      onSubmitted();
    } catch (error) {
      const fields = fieldErrorsFrom(t, error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) {
        setFormError(isApiError(error, "conflict") ? t("verify.identity.alreadyOpen") : errorText(t, error));
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" className={page.panel} aria-labelledby={titleId}>
      <div className={page.panelHead}>
        <h2 id={titleId}>{person ? t("verify.realName.title") : t("verify.enterprise.title")}</h2>
        <StatusBadge status={status} />
      </div>
      <p className={page.panelLead}>{person ? t("verify.realName.lead") : t("verify.enterprise.lead")}</p>
      {latest && status !== "none" && (
        <dl className={page.details}>
          <div>
            <dt>{t("verify.identity.legalName")}</dt>
            <dd>{latest.legalName}</dd>
          </div>
          <div>
            <dt>{t("verify.identity.number")}</dt>
            <dd className={page.mono}>{latest.numberMasked}</dd>
          </div>
          <div>
            <dt>{t("verify.identity.submittedAt")}</dt>
            <dd>{formatDateTime(latest.submittedAt, locale)}</dd>
          </div>
        </dl>
      )}
      {status === "pending" && <Notice role="status">{t("verify.identity.pending")}</Notice>}
      {status === "rejected" && latest?.reason && (
        <Notice tone="error" role="none">
          {t("verify.identity.rejectedBecause", { reason: latest.reason })}
        </Notice>
      )}
      {(status === "none" || status === "rejected") && (
        <form ref={formRef} className={formClass} noValidate onSubmit={submit} aria-busy={busy}>
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
            className={page.mono}
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
