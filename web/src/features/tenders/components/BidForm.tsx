// A provider's bid on a tender: amount, days, proposal and the milestones that pay it (their sum
// must equal the amount — checked live here and again by the server).
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button } from "../../../components/Button.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { MoneyField } from "../../../components/MoneyField.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api } from "../../../lib/api.ts";
import { errorDetail, passesCheck } from "../../../lib/errors.ts";
import { parseYuan } from "../../../lib/parse-money.ts";
import shared from "../../orders/orders.module.css";
import { type Bid, tenderErrorText } from "../api.ts";
import styles from "../tenders.module.css";
import { MilestoneEditor, type MilestoneRow, newRow, type RowErrors, rowsSum } from "./MilestoneEditor.tsx";

type Errors = { amount?: string; days?: string; proposal?: string; rows?: RowErrors; sum?: string };

export function BidForm({ taskId, onDone }: { taskId: string; onDone(bid: Bid): void }) {
  const { t } = useI18n();
  const id = useId();
  const [amount, setAmount] = useState("");
  const [days, setDays] = useState("14");
  const [proposal, setProposal] = useState("");
  const [rows, setRows] = useState<MilestoneRow[]>(() => [newRow()]);
  const [errors, setErrors] = useState<Errors>({});
  const send = useMutation({
    mutationFn: (body: unknown) => api.post<{ bid: Bid }>(`/tasks/${encodeURIComponent(taskId)}/bids`, body),
  });
  const amountMinor = parseYuan(amount);

  function validate(): Errors {
    const next: Errors = {};
    if (amountMinor === null || amountMinor <= 0) next.amount = t("tenders.bid.err.amount");
    const d = Number(days);
    if (!/^\d{1,3}$/.test(days.trim()) || d < 1 || d > 365) next.days = t("tenders.bid.err.days");
    if (!proposal.trim()) next.proposal = t("tenders.bid.err.proposal");
    const rowErrors = rows.map((r) => {
      const m = parseYuan(r.amount);
      return {
        title: r.title.trim() ? undefined : t("tenders.bid.err.msTitle"),
        amount: m === null || m <= 0 ? t("tenders.bid.err.msAmount") : undefined,
      };
    });
    if (rowErrors.some((e) => e.title || e.amount)) next.rows = rowErrors;
    const sum = rowsSum(rows);
    if (!next.amount && !next.rows && sum !== amountMinor) next.sum = t("tenders.bid.err.sum");
    return next;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passesCheck(validate(), setErrors)) return;
    const body = {
      amountMinor,
      days: Number(days),
      proposal: proposal.trim(),
      milestones: rows.map((r) => ({ title: r.title.trim(), amountMinor: parseYuan(r.amount) as number })),
    };
    try {
      const res = await send.mutateAsync(body);
      onDone(res.bid);
    } catch {
      // Shown below from send.error.
    }
  }

  return (
    <form className={styles.bidForm} onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("tenders.bid.title")}</h2>
      <p className={shared.muted}>{t("tenders.bid.intro")}</p>
      <div className={styles.bidForm__row}>
        <MoneyField
          id={`${id}-amount`}
          label={t("tenders.bid.amount")}
          error={errors.amount}
          value={amount}
          onChange={(text) => setAmount(text)}
        />
        <TextField
          id={`${id}-days`}
          label={t("tenders.bid.days")}
          error={errors.days}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <TextAreaField
        id={`${id}-proposal`}
        label={t("tenders.bid.proposal")}
        hint={t("tenders.bid.proposalHint")}
        error={errors.proposal}
        rows={5}
        maxLength={10_000}
        value={proposal}
        onChange={(e) => setProposal(e.target.value)}
      />
      <MilestoneEditor
        rows={rows}
        onChange={setRows}
        totalMinor={amountMinor}
        errors={errors.rows}
        sumError={errors.sum}
      />
      {send.isError && (
        <Notice tone="error" detail={errorDetail(send.error)}>
          {tenderErrorText(t, send.error)}
        </Notice>
      )}
      <div className="button-row">
        <Button type="submit" variant="accent" disabled={send.isPending}>
          <Icon name="tender" size={18} />
          {send.isPending ? t("tenders.sending") : t("tenders.bid.submit")}
        </Button>
      </div>
    </form>
  );
}
