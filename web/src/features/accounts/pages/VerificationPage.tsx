// Verification: confirm the e-mail address and a phone number with 6-digit codes; submit real-name
// (person) or enterprise verification and follow its review; badges appear on the public profile.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
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
import { Link } from "../../../app/router.tsx";
import { Badge, type BadgeTone } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { FormMessage, TextField } from "../../../components/Field.tsx";
import { Form, useForm } from "../../../components/Form.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { api, isApiError } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { errorText, validate } from "../../../lib/errors.ts";
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
  const form = useForm();
  const { errors, busy } = form;

  async function submit(data: FormData) {
    const checked = validate(t, ConfirmCodeBody, { code: data.get("code") ?? "" });
    if (form.check(checked.errors ?? {}) || !checked.data) return;
    const body = checked.data;
    const result = await form.send(() => api.post<MeResult>(`/me/verification/${channel}/confirm`, body));
    if (result) onConfirmed(result.user);
  }

  return (
    <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
      <FormMessage kind="success">
        {t("verify.code.sent", { to: sent.sentTo, until: formatDateTime(sent.expiresAt, locale) })}
      </FormMessage>
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
    </Form>
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
  const form = useForm();
  const [sent, setSent] = useState<CodeSent>();
  const status = user.verification.phone;

  async function send(data: FormData) {
    // The phone is sent as typed; the server normalises it as the contract does here.
    const phone = String(data.get("phone") ?? "").trim();
    const checked = validate(t, SendPhoneCodeBody, { phone });
    if (form.check(checked.errors ?? {})) return;
    const result = await form.send(() => api.post<CodeSent>("/me/verification/phone/send", { phone }), {
      fields: (error) => (isApiError(error, "conflict") ? { phone: t("verify.phone.taken") } : undefined),
    });
    if (result) setSent(result);
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
        <Form form={form} onSubmit={(event) => void send(new FormData(event.currentTarget))}>
          <TextField
            id="phone"
            type="tel"
            label={t("verify.phone.label")}
            hint={t("verify.phone.hint")}
            autoComplete="tel"
            inputMode="tel"
            error={form.errors.phone}
          />
          <div className="button-row">
            <Button type="submit" variant="secondary" disabled={form.busy}>
              {form.busy ? t("verify.code.sending") : t("verify.code.send")}
            </Button>
          </div>
        </Form>
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
  const form = useForm();
  const { errors, busy } = form;
  const person = kind === "person";
  const numberField = person ? "idNumber" : "creditCode";
  const titleId = `${kind}-title`;

  async function submit(data: FormData) {
    const checked = validate(t, SubmitIdentityBody, {
      kind,
      legalName: String(data.get(`${kind}-legalName`) ?? ""),
      [numberField]: String(data.get(`${kind}-${numberField}`) ?? ""),
    });
    if (form.check(checked.errors ?? {}) || !checked.data) return;
    const body = checked.data;
    const sent = await form.send(() => api.post("/me/verification/identity", body), {
      message: (error) => (isApiError(error, "conflict") ? t("verify.identity.alreadyOpen") : undefined),
    });
    if (sent === undefined) return;
    await auth.refresh();
    onSubmitted();
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
        <Form form={form} onSubmit={(event) => void submit(new FormData(event.currentTarget))}>
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
        </Form>
      )}
    </Card>
  );
}
