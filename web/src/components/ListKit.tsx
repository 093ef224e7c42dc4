// What every browse list (contests, piece-rate, tenders, services, my orders) does the same way:
// its filters live in the URL (shareable, kept on reload and back), and "load more" walks the API's
// cursor — with a "loading" label while it does and the error of a failed page above the button.
import { useSearchParams } from "../app/router.tsx";
import { Button } from "./Button.tsx";
import styles from "./ListKit.module.css";
import { Notice } from "./Notice.tsx";

/** A list's empty state (a <p>, or a <div> with a text and an action). */
export const emptyClass = styles.empty;

/** The query string and a setter for one filter (an empty value removes it; history is replaced). */
export function useUrlFilters(): [URLSearchParams, (name: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }
  return [params, setFilter];
}

/** The part of an infinite query "load more" needs (UseInfiniteQueryResult has all of it). */
type Pages = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
};

export function LoadMore({
  list,
  more,
  loading,
  error,
}: {
  list: Pages;
  more: string;
  loading: string;
  /** The text for a failed next page (shown only then). */
  error?: () => string;
}) {
  return (
    <>
      {list.isFetchNextPageError && error && <Notice tone="error">{error()}</Notice>}
      {list.hasNextPage && (
        <div className={styles.more}>
          <Button
            variant="secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? loading : more}
          </Button>
        </div>
      )}
    </>
  );
}
