// Load data for a component: loading → ready | error, with a retry, and the request aborted when
// the component goes away or the inputs change.
import { type DependencyList, useCallback, useEffect, useState } from "react";
import { ApiError } from "../lib/api.ts";

export type ApiState<T> =
  | { status: "loading"; data?: undefined; error?: undefined }
  | { status: "ready"; data: T; error?: undefined }
  | { status: "error"; data?: undefined; error: ApiError };

export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): ApiState<T> & { retry(): void } {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: "error",
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ code: "bad_response", status: 0, message: String(error) }),
        });
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
