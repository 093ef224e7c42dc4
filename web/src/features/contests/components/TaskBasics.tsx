// What every way of posting a task shares, in one place: the first fields — a title, a brief, a
// category (same ids, limits and accessibility) and their part of the POST /tasks body; for the ways
// that escrow at posting (contest, piece-rate), the request itself with the top-up step on a 402.
// Contests, piece-rate and tenders each keep their own words (keys under `<mode>.post.*`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { type I18n, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { useNavigate } from "../../../app/router.tsx";
import { ButtonLink } from "../../../components/Button.tsx";
import { cx } from "../../../components/cx.ts";
import { SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { api, isApiError } from "../../../lib/api.ts";
import { categoriesQuery } from "../../../lib/categories.ts";
import { errorDetail } from "../../../lib/errors.ts";
import { useIdempotencyKey } from "../../../lib/idempotency.ts";
import { walletKey, walletQuery } from "../../wallet/api.ts";
import { loginHref, useViewer } from "../session.ts";
import { CategoryOptions } from "./ContestBits.tsx";
import { TopUpStep } from "./TopUpStep.tsx";

export type TaskBasics = { title: string; brief: string; categoryId: string };
export type TaskBasicsErrors = { title?: string; brief?: string };
type Texts = "contests.post" | "piecework.post" | "tenders.post";

export const emptyTaskBasics: TaskBasics = { title: "", brief: "", categoryId: "" };

/** The basics' part of the body: trimmed, the category only when one was chosen. */
export function taskBasicsBody(basics: TaskBasics) {
  return {
    title: basics.title.trim(),
    brief: basics.brief.trim(),
    ...(basics.categoryId ? { categoryId: basics.categoryId } : {}),
  };
}

export function TaskBasicsFields({
  id,
  texts,
  value,
  onChange,
  errors,
  briefRows = 7,
}: {
  /** The form's useId(): the fields are `${id}-title`, `${id}-brief`, `${id}-category`. */
  id: string;
  texts: Texts;
  value: TaskBasics;
  onChange: (next: TaskBasics) => void;
  errors: TaskBasicsErrors;
  briefRows?: number;
}) {
  const { t } = useI18n();
  const categories = useQuery(categoriesQuery);
  return (
    <>
      <TextField
        id={`${id}-title`}
        label={t(`${texts}.fTitle`)}
        hint={t(`${texts}.hTitle`)}
        error={errors.title}
        maxLength={120}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.target.value })}
      />
      <TextAreaField
        id={`${id}-brief`}
        label={t(`${texts}.fBrief`)}
        hint={t(`${texts}.hBrief`)}
        error={errors.brief}
        rows={briefRows}
        maxLength={10_000}
        value={value.brief}
        onChange={(e) => onChange({ ...value, brief: e.target.value })}
      />
      <SelectField
        id={`${id}-category`}
        label={t(`${texts}.fCategory`)}
        value={value.categoryId}
        onChange={(e) => onChange({ ...value, categoryId: e.target.value })}
      >
        <option value="">{t(`${texts}.noCategory`)}</option>
        <CategoryOptions tree={categories.data} />
      </SelectField>
    </>
  );
}

/**
 * Posting a task whose money is escrowed at once (a contest's pool, a piece-rate budget): POST /tasks
 * with one Idempotency-Key per body (a retry of the same task replays, an edited one is new); on
 * success the wallet and the lists are stale and the task page opens. A short wallet (402) is not
 * an error: `shortMinor` asks for a top-up of the difference, and the retry after it is a new request.
 */
export function useEscrowedPost(errorText: (t: I18n["t"], error: unknown) => string) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const wallet = useQuery(walletQuery);
  const key = useIdempotencyKey();
  const post = useMutation({
    mutationFn: (body: unknown) =>
      api.post<{ task: { id: string } }>("/tasks", body, { idempotencyKey: key.keyFor(body) }),
    // The money left the wallet for escrow; the lists have a new task.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: walletKey }),
        client.invalidateQueries({ queryKey: ["tasks", "list"] }),
      ]),
  });
  const [failure, setFailure] = useState<{ message: string; detail?: string } | null>(null);
  const [shortMinor, setShortMinor] = useState<number | null>(null);

  /** Sends the body; `neededMinor` is what the task escrows (the top-up when the 402 says no more). */
  async function send(body: unknown, neededMinor: number | null) {
    try {
      const res = await post.mutateAsync(body);
      navigate(`/tasks/${res.task.id}`);
    } catch (caught) {
      if (isApiError(caught, "insufficient_funds")) {
        const details = caught.details as { shortMinor?: number } | undefined;
        setShortMinor(details?.shortMinor ?? neededMinor ?? 0);
        // Nothing was posted: the retry after the top-up is a new request.
        key.reset();
      } else {
        setFailure({ message: errorText(t, caught), detail: errorDetail(caught) });
      }
    }
  }

  return {
    send,
    busy: post.isPending,
    available: wallet.data?.availableMinor ?? null,
    clearFailure: () => setFailure(null),
    /** The form's problems: the failure, or the top-up step (paid → `retry`, the same form again). */
    problems: (retry: () => void) => (
      <>
        {failure && (
          <Notice tone="error" detail={failure.detail}>
            {failure.message}
          </Notice>
        )}
        {shortMinor !== null && (
          <TopUpStep
            shortMinor={shortMinor}
            onPaid={() => {
              setShortMinor(null);
              void wallet.refetch();
              retry();
            }}
          />
        )}
      </>
    ),
  };
}

/**
 * A posting page's gate: a quiet status while the session is read, a sign-in prompt (back to `path`
 * after) for a visitor, else the form.
 */
export function SignedInToPost({
  path,
  title,
  loading,
  signIn,
  signInAction,
  signUp,
  className,
  children,
}: {
  path: string;
  title: string;
  loading: string;
  signIn: string;
  signInAction: string;
  /** A second button to /signup, with this text. */
  signUp?: string;
  className?: string;
  children: ReactNode;
}) {
  const viewer = useViewer();
  if (viewer.status === "loading") {
    return (
      <div className="container section" role="status">
        <span className="visually-hidden">{loading}</span>
      </div>
    );
  }
  if (!viewer.me) {
    return (
      <div className={cx("container", "section", className)}>
        <h1>{title}</h1>
        <Notice icon="lock">{signIn}</Notice>
        <div className="button-row">
          <ButtonLink to={loginHref(path)}>{signInAction}</ButtonLink>
          {signUp && (
            <ButtonLink to="/signup" variant="secondary">
              {signUp}
            </ButtonLink>
          )}
        </div>
      </div>
    );
  }
  return children;
}
