// Post a tender (/tenders/new): title, brief, category, an optional budget, the bid deadline and
// sealed bids (default on). Nothing is escrowed at posting: the first milestone is funded when the
// buyer hires a bid. POST /tasks with an Idempotency-Key (a retry of the same tender replays).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { useNavigate } from "../../../app/router.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { formClass, formWithAsideClass, SwitchField, TextField } from "../../../components/Field.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { MoneyField } from "../../../components/MoneyField.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { api } from "../../../lib/api.ts";
import { toLocalInput } from "../../../lib/dates.ts";
import { errorDetail, passesCheck } from "../../../lib/errors.ts";
import { useIdempotencyKey } from "../../../lib/idempotency.ts";
import { parseYuan } from "../../../lib/parse-money.ts";
import {
  emptyTaskBasics,
  SignedInToPost,
  type TaskBasics,
  TaskBasicsFields,
  taskBasicsBody,
} from "../../contests/components/TaskBasics.tsx";
import shared from "../../orders/orders.module.css";
import { type TenderTask, tenderErrorText } from "../api.ts";
import styles from "../tenders.module.css";

const DAY = 86_400_000;
type Errors = Partial<Record<"title" | "brief" | "budget" | "deadline", string>>;

export function PostTenderPage() {
  const { t } = useI18n();
  useDocumentTitle(t("tenders.post.title"));
  return (
    <SignedInToPost
      path="/tenders/new"
      title={t("tenders.post.title")}
      loading={t("tenders.loading")}
      signIn={t("tenders.post.signIn")}
      signInAction={t("tenders.signInAction")}
      className={shared.narrow}
    >
      <PostTenderForm />
    </SignedInToPost>
  );
}

function PostTenderForm() {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const key = useIdempotencyKey();
  const post = useMutation({
    mutationFn: (body: unknown) =>
      api.post<{ task: TenderTask }>("/tasks", body, { idempotencyKey: key.keyFor(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tasks", "list"] }),
  });
  const [basics, setBasics] = useState<TaskBasics>(emptyTaskBasics);
  const [budget, setBudget] = useState("");
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + 7 * DAY)));
  const [sealed, setSealed] = useState(true);
  const [errors, setErrors] = useState<Errors>({});

  function validate(): Errors {
    const next: Errors = {};
    if (!basics.title.trim()) next.title = t("tenders.post.err.title");
    if (!basics.brief.trim()) next.brief = t("tenders.post.err.brief");
    if (budget.trim()) {
      const minor = parseYuan(budget);
      if (minor === null || minor <= 0) next.budget = t("tenders.post.err.budget");
    }
    const at = new Date(deadline).getTime();
    if (!deadline || Number.isNaN(at)) next.deadline = t("tenders.post.err.deadline");
    else if (at < Date.now() + 60 * 60 * 1000) next.deadline = t("tenders.post.err.deadlineSoon");
    return next;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passesCheck(validate(), setErrors)) return;
    const budgetMinor = budget.trim() ? parseYuan(budget) : null;
    const body = {
      mode: "tender" as const,
      ...taskBasicsBody(basics),
      ...(budgetMinor ? { budgetMinor } : {}),
      bidDeadline: new Date(deadline).toISOString(),
      sealedBids: sealed,
    };
    try {
      const res = await post.mutateAsync(body);
      navigate(`/tasks/${res.task.id}`);
    } catch {
      // Shown below from post.error.
    }
  }

  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("tenders.mode")}</p>
          <h1>{t("tenders.post.title")}</h1>
          <p className="section__lead">{t("tenders.post.lead")}</p>
        </div>
      </header>
      <div className={formWithAsideClass}>
        <form className={formClass} onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`} className="visually-hidden">
            {t("tenders.post.title")}
          </h2>
          <TaskBasicsFields
            id={id}
            texts="tenders.post"
            value={basics}
            onChange={setBasics}
            errors={errors}
          />
          <MoneyField
            id={`${id}-budget`}
            label={t("tenders.post.fBudget")}
            hint={t("tenders.post.hBudget")}
            error={errors.budget}
            value={budget}
            onChange={(text) => setBudget(text)}
          />
          <TextField
            id={`${id}-deadline`}
            label={t("tenders.post.fDeadline")}
            hint={t("tenders.post.hDeadline")}
            error={errors.deadline}
            type="datetime-local"
            value={deadline}
            min={toLocalInput(new Date(Date.now() + DAY))}
            onChange={(e) => setDeadline(e.target.value)}
          />
          <SwitchField
            id={`${id}-sealed`}
            checked={sealed}
            onChange={setSealed}
            label={t("tenders.post.fSealed")}
            explain={t(sealed ? "tenders.post.sealedExplain" : "tenders.post.openExplain")}
          />
          {post.isError && (
            <Notice tone="error" detail={errorDetail(post.error)}>
              {tenderErrorText(t, post.error)}
            </Notice>
          )}
          <div className="button-row">
            <Button type="submit" variant="accent" size="lg" disabled={post.isPending}>
              <Icon name="tender" size={18} />
              {post.isPending ? t("tenders.sending") : t("tenders.post.submit")}
            </Button>
          </div>
        </form>
        <aside aria-labelledby={`${id}-how`}>
          <Card tone="raised">
            <h2 id={`${id}-how`} className={styles.howTitle}>
              {t("tenders.post.howTitle")}
            </h2>
            <ol className={styles.how}>
              <li>{t("tenders.post.how1")}</li>
              <li>{t("tenders.post.how2")}</li>
              <li>{t("tenders.post.how3")}</li>
            </ol>
          </Card>
        </aside>
      </div>
    </div>
  );
}
