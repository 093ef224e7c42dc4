// The routes' OpenAPI kit: who may call (security), the errors they may get, and the transform
// that makes every documented operation complete for client generators (Redocly's recommended
// rules, checked by test/openapi-lint.test.ts): an operationId, its security, a 4xx response.
import type { FastifySchema } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/errors.ts";

type Security = { [label: string]: string[] }[];

/** Signed-in routes: a Bearer token or the session cookie. */
export const signedIn: Security = [{ bearer: [] }, { cookie: [] }];

/** Routes that answer anyone and say more to the signed-in (`{}`: no credentials at all). */
export const optionalSignIn: Security = [{}, ...signedIn];

/** Error responses in the one error shape, for the documentation (and checked on the way out). */
export function errors<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}

/**
 * `GET /api/v1/tasks/:id/entries` → `getTasksByIdEntries`: stable, unique per method and path,
 * the same rule for every route that does not name its own.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+/, "")
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith(":") ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join("");
}

type Document = Parameters<typeof jsonSchemaTransform>[0];
type RouteSchema = FastifySchema & {
  hide?: boolean;
  operationId?: string;
  security?: Security;
  response?: Record<string | number, unknown>;
};

/**
 * The swagger transform of buildApp: zod → JSON Schema (fastify-type-provider-zod), after filling
 * what each operation must say. A route without a declared `security` fails start-up's document
 * build, so a new route cannot forget it (`[]` for public ones). Every operation can be refused as
 * `invalid_input` by the input guard (400), and a signed-in one as `unauthenticated` (401).
 */
export function documentRoute(document: Document): ReturnType<typeof jsonSchemaTransform> {
  const schema = document.schema as RouteSchema | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(document);
  const method = [document.route.method].flat()[0] as string;
  if (!schema.security) {
    throw new Error(`${method} ${document.url}: declare its security (signedIn, optionalSignIn or [])`);
  }
  const response = { ...schema.response };
  const has4xx = Object.keys(response).some((status) => /^4(\d\d|XX)$/.test(status));
  if (!has4xx) Object.assign(response, errors(400));
  const required = schema.security.length > 0 && schema.security.every((s) => Object.keys(s).length > 0);
  if (required && !(401 in response)) Object.assign(response, errors(401));
  return jsonSchemaTransform({
    ...document,
    schema: { ...schema, operationId: schema.operationId ?? operationIdOf(method, document.url), response },
  });
}
