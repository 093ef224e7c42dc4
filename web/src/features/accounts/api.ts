// Accounts in the query cache: a public profile and the viewer's own identity verifications.
import { queryOptions } from "@tanstack/react-query";
import type { IdentityVerification, PublicProfile } from "../../../../contracts/accounts.ts";
import { api } from "../../lib/api.ts";

export const profileQuery = (id: string) =>
  queryOptions({
    queryKey: ["users", id],
    queryFn: ({ signal }) =>
      api.get<{ user: PublicProfile }>(`/users/${encodeURIComponent(id)}`, { signal }).then((r) => r.user),
  });

export const ownIdentityQuery = queryOptions({
  queryKey: ["me", "identity"],
  queryFn: ({ signal }) =>
    api.get<{ items: IdentityVerification[] }>("/me/verification/identity", { signal }),
});
