// The three states of data from the query cache, said the same way everywhere: loading (a status
// for screen readers, skeletons for the eye), an error (from the one error mapper, with a retry)
// and empty; then the data itself.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "../app/i18n/I18nProvider.tsx";
import { isApiError } from "../lib/api.ts";
import { type ErrorOverrides, errorText } from "../lib/errors.ts";
import styles from "./AsyncView.module.css";
import { Button } from "./Button.tsx";
import { Notice } from "./Notice.tsx";

type Props<T> = {
  query: Pick<UseQueryResult<T>, "status" | "data" | "error" | "refetch">;
  /** Read out while loading ("正在加载…"). */
  loadingLabel?: string;
  /** How many grey cards stand in while loading (0: a line of text). */
  skeletons?: number;
  skeletonClass?: string;
  /** Words for this page's failures (see lib/errors.ts). */
  errors?: ErrorOverrides;
  /** What this part says when it could not load (a network error keeps its own words). */
  failure?: string;
  retryLabel?: string;
  isEmpty?(data: T): boolean;
  empty?: ReactNode;
  children(data: T): ReactNode;
};

export function AsyncView<T>({
  query,
  loadingLabel,
  skeletons = 0,
  skeletonClass,
  errors,
  failure,
  retryLabel,
  isEmpty,
  empty,
  children,
}: Props<T>) {
  const { t } = useI18n();
  if (query.status === "pending") {
    const label = loadingLabel ?? t("form.loading");
    return skeletons > 0 ? (
      <div className={skeletonClass} role="status">
        <span className="visually-hidden">{label}</span>
        {Array.from({ length: skeletons }, (_, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders.
          <div key={n} className={styles.skeleton} aria-hidden="true" />
        ))}
      </div>
    ) : (
      <p className={styles.loading} role="status">
        {label}
      </p>
    );
  }
  if (query.status === "error" && query.data === undefined) {
    return (
      <Notice
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
            {retryLabel ?? t("form.retry")}
          </Button>
        }
      >
        {failure && !isApiError(query.error, "network_error") ? failure : errorText(t, query.error, errors)}
      </Notice>
    );
  }
  const data = query.data as T;
  if (isEmpty?.(data)) return <div className={styles.empty}>{empty}</div>;
  return <>{children(data)}</>;
}
