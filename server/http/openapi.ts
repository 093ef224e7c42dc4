// OpenAPI helpers for the accounts routes: who may call (security) and the errors they may get.
import { ErrorBody } from "../../contracts/errors.ts";

/** Signed-in routes: a Bearer token or the session cookie. */
export const signedIn: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

/** Error responses in the one error shape, for the documentation (and checked on the way out). */
export function errors<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}
