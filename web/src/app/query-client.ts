// The one query cache: server state lives here. Pages read it with the query options of their
// feature's api.ts; mutations invalidate what they change.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../lib/api.ts";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not go away by asking again; a network error may.
      retry: (failures, error) => failures < 2 && error instanceof ApiError && error.code === "network_error",
      refetchOnWindowFocus: false,
    },
  },
});
