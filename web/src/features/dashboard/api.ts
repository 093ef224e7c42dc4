// What waits for the signed-in account (GET /me/actions), in the query cache.
import { queryOptions } from "@tanstack/react-query";
import type { MyActions } from "../../../../contracts/dashboard.ts";
import { api } from "../../lib/api.ts";

export const myActionsQuery = queryOptions({
  queryKey: ["me", "actions"],
  queryFn: ({ signal }) => api.get<MyActions>("/me/actions", { signal }),
});
