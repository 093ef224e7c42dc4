// A seeded, bounded fuzz of every operation in /openapi.json (issue 8). For each one it sends
// wrong types, edge numbers, empty and very long strings, lone surrogates, deep nesting, forged
// cursors, bad UUIDs, bad percent-encoding, missing and extra fields, bad JSON and broken
// multipart — anonymously and with a bearer token (a user, the task's provider, an operator), with
// and without an Idempotency-Key. Every answer must be below 500 and, when it is an error, the one
// error shape of API.md with a known code and the request id.
//   FUZZ_SEED=<n> replays a run (the seed is printed on failure); FUZZ_REQUESTS=<n> sizes it.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { errorStatus } from "../contracts/errors.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { randomIp, type SignedUp, signUp, signUpOperator } from "./helpers/factories.ts";
import { mulberry32 } from "./helpers/random.ts";

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261130;
const REQUESTS = process.env.FUZZ_REQUESTS ? Number(process.env.FUZZ_REQUESTS) : 3500;
const KNOWN_CODES = new Set(Object.keys(errorStatus));

/** Picks inputs from a seeded mulberry32: the same seed gives the same run. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
type Rng = ReturnType<typeof prng>;

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};
type Parameter = { in: "path" | "query" | "header"; name: string; schema?: Schema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
};

const b64 = (text: string) => Buffer.from(text).toString("base64url");
/** Percent-encode; a lone surrogate (which encodeURIComponent refuses) becomes its invalid UTF-8 bytes. */
const enc = (text: string) =>
  text.isWellFormed() ? encodeURIComponent(text) : `${encodeURIComponent(text.toWellFormed())}%ED%A0%80`;
const uuid0 = "00000000-0000-4000-8000-000000000000";

/** Strings that have broken something somewhere, some time. */
const EDGE_STRINGS = [
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "1e309",
  "NaN",
  "null",
  "true",
  "[]",
  "{}",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\udbff\udfff",
  "😀",
  "中文两江",
  "\u202e",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "%",
  "a".repeat(101),
  "b".repeat(5_000),
  "c".repeat(200_000),
  uuid0,
  "00000000-0000-0000-0000-00000000000g",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "-005000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "2026-02-30T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
];

const EDGE_NUMBERS = [
  0,
  -1,
  1,
  1.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  1e21,
  -1e21,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1_000_000_000_001,
];

/** Cursors no server gave out: odd dates (before 4713 BC), bad ids, bad JSON, wrong types. */
const FORGED_CURSORS = [
  b64(`-005000-01-01T00:00:00.000Z|${uuid0}`),
  b64(`-005000-01-01T00:00:00.000Z|wd_${uuid0}`),
  b64(`+275760-09-13T00:00:00.000Z|${uuid0}`),
  b64(`2026-01-01T00:00:00.000Z|not-a-uuid`),
  b64(`2026-01-01T00:00:00.000Z|${uuid0}|extra`),
  b64(JSON.stringify({ v: "-004714-11-24T00:00:00Z", id: uuid0 })),
  b64(JSON.stringify({ v: 1e300, id: uuid0 })),
  b64(JSON.stringify({ v: -1, id: uuid0 })),
  b64(JSON.stringify({ v: "2026-01-01T00:00:00Z", id: "x" })),
  b64(JSON.stringify({ v: { a: 1 }, id: [uuid0] })),
  b64("\ud800|\ud800"),
  b64("{not json"),
  "99999999999999999999",
  "-1",
  "0",
  "1.5",
  "%ZZ",
  "====",
  "a".repeat(300),
];

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.split("/").pop() as string;
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** A value of the wrong kind, or an extreme of some kind. */
function wild(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 4 : 6)) {
    case 0:
      return rng.pick(EDGE_STRINGS);
    case 1:
      return rng.pick(EDGE_NUMBERS) * (rng.chance(0.5) ? 1 : -1);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return rng.pick(FORGED_CURSORS);
    case 4:
      return [wild(rng, depth + 1), wild(rng, depth + 1)];
    default:
      return { [rng.pick(["a", "__proto__", "constructor", "\ud800"])]: wild(rng, depth + 1) };
  }
}

/** A value for the schema: usually plausible, sometimes edge, sometimes of the wrong type. */
function generate(doc: object, schema: Schema | undefined, rng: Rng, depth = 0): unknown {
  if (!schema || depth > 6) return wild(rng, depth);
  const s = resolve(doc, schema);
  if (rng.chance(0.12)) return wild(rng, depth);
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.length) return generate(doc, rng.pick(variants), rng, depth + 1);
  if (s.allOf?.length) return generate(doc, s.allOf[0], rng, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rng.chance(0.85) ? rng.pick(s.enum) : rng.pick(EDGE_STRINGS);
  const type = Array.isArray(s.type) ? rng.pick(s.type) : s.type;
  switch (type) {
    case "string": {
      if (rng.chance(0.4)) return rng.pick(EDGE_STRINGS);
      if (s.format === "date-time") {
        return new Date(Date.now() + rng.int(30) * 86_400_000 - 86_400_000).toISOString();
      }
      if (s.format === "email") return `fuzz-${rng.int(1e9)}@example.com`;
      if (s.format === "uuid") return rng.chance(0.5) ? randomUUID() : uuid0;
      const length = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 1 + rng.int(40)));
      return `Fz-${"x".repeat(length)}`.slice(0, Math.max(length, 1));
    }
    case "integer":
    case "number": {
      if (rng.chance(0.5)) return rng.pick(EDGE_NUMBERS) * (rng.chance(0.8) ? 1 : -1);
      const min = s.minimum ?? 0;
      const max = Math.min(s.maximum ?? 100_000, min + 100_000);
      return min + rng.int(Math.max(1, max - min + 1));
    }
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    case "array": {
      const n = rng.pick([0, 1, 2, 3, 25]);
      return Array.from({ length: n }, () => generate(doc, s.items, rng, depth + 1));
    }
    default: {
      if (!s.properties) return rng.chance(0.5) ? {} : wild(rng, depth);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties)) {
        const required = s.required?.includes(key) ?? false;
        if (rng.chance(required ? 0.08 : 0.4)) continue; // missing fields
        out[key] = generate(doc, prop, rng, depth + 1);
      }
      if (rng.chance(0.1)) out[rng.pick(["extra", "isOperator", "role", "balanceMinor"])] = wild(rng);
      return out;
    }
  }
}

/** A JSON text nested `depth` levels (arrays or objects). */
function nested(depth: number, rng: Rng): string {
  return rng.chance(0.5)
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Bodies no schema describes: bad JSON, deep nesting, escapes PostgreSQL refuses, odd types. */
function rawJsonBody(rng: Rng): string {
  return rng.pick([
    () => "{not json",
    () => "",
    () => "null",
    () => "[]",
    () => '"a string"',
    () => "1e999",
    () => "-0",
    () => nested(100_000, rng),
    () => nested(100_000, rng),
    () => nested(100_000, rng),
    () => nested(65, rng),
    () => nested(5_000, rng),
    () => '{"__proto__":{"isOperator":true}}',
    () => '{"constructor":{"prototype":{"x":1}}}',
    () => '{"text":"\\ud800","reason":"\\udfff","id":"\\ud800"}',
    () => '{"a":"\\u0000"}',
    () => `{"text":"${"x".repeat(20_000)}"}`,
    () => `{"amountMinor":1.0,"prizesMinor":[1E3]}`,
    () => `{"a":${"1".repeat(400)}}`,
    () => '{"a":1,"a":2}',
    () => "\ufeff{}",
  ])();
}

/** A multipart body: sometimes well formed (odd files), often broken. */
function multipartBody(rng: Rng): { payload: Buffer | string; contentType: string } {
  const boundary = `----fuzz${rng.int(1e9)}`;
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const file = (name: string, type: string, bytes: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from("\r\n"),
    ]);
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const end = Buffer.from(`--${boundary}--\r\n`);
  const variant = rng.int(9);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  switch (variant) {
    case 0:
      return {
        payload: Buffer.concat([field("text", "hello"), file("a.png", "image/png", png), end]),
        contentType,
      };
    case 1: // bytes that are not what they claim
      return {
        payload: Buffer.concat([file("a.png", "image/png", Buffer.from("not a png at all")), end]),
        contentType,
      };
    case 2: // no closing boundary
      return { payload: Buffer.concat([field("text", "x"), file("a.png", "image/png", png)]), contentType };
    case 3: // no boundary parameter
      return { payload: Buffer.concat([field("text", "x"), end]), contentType: "multipart/form-data" };
    case 4: // a boundary that never appears
      return { payload: "garbage without any boundary", contentType };
    case 5: // odd names and fields
      return {
        payload: Buffer.concat([
          field("text\ud800", "\ud800"),
          field("unknown", "x"),
          file("../../\u0000evil.svg", "image/svg+xml", Buffer.from("<svg onload=alert(1)>")),
          end,
        ]),
        contentType,
      };
    case 6: // many parts
      return {
        payload: Buffer.concat([...Array.from({ length: 60 }, (_, i) => field(`f${i}`, "v")), end]),
        contentType,
      };
    case 7: // a text field over the limit
      return { payload: Buffer.concat([field("text", "y".repeat(20_000)), end]), contentType };
    default: // empty
      return { payload: Buffer.alloc(0), contentType };
  }
}

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
};
const callers: Record<"anonymous" | "buyer" | "provider" | "operator", SignedUp | undefined> = {
  anonymous: undefined,
  buyer: undefined,
  provider: undefined,
  operator: undefined,
};
/** Ids of real rows by path parameter name, so that fuzzed requests also reach deep code. */
const realIds: Record<string, string[]> = { id: [], fileId: [], channel: ["email", "phone"] };

before(async () => {
  t = await startTestApp({ workers: true });
  doc = (await t.app.inject("/openapi.json")).json();
  callers.buyer = await signUp(t.app);
  callers.provider = await signUp(t.app);
  callers.operator = await signUpOperator(t.app, t);
  const buyer = callers.buyer;
  const inject = (method: "GET" | "POST", url: string, who: SignedUp | undefined, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  // A funded buyer with a contest, the provider's entry, a withdrawal: real ids for the paths.
  const topUp = await inject("POST", "/wallet/top-ups", buyer, { amountMinor: 100_000, method: "alipay" });
  assert.equal(topUp.statusCode, 201, topUp.body);
  const topUpId = topUp.json().topUp.id as string;
  // Paid by its owner as on the sandbox page; the provider's signed webhook (a job) settles it.
  const paid = await inject("POST", `/payments/sandbox/top-ups/${topUpId}/pay`, buyer, {
    outcome: "succeeded",
  });
  assert.equal(paid.statusCode, 202, paid.body);
  for (let i = 0; i < 400; i++) {
    const wallet = await inject("GET", "/wallet", buyer);
    if (wallet.json().availableMinor >= 100_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const task = await inject("POST", "/tasks", buyer, {
    mode: "contest",
    title: "Fuzz logo",
    brief: "A logo for the fuzzer",
    prizesMinor: [5_000],
    submissionDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    sealed: false,
  });
  assert.equal(task.statusCode, 201, task.body);
  const taskId = task.json().task.id as string;
  const entry = await inject("POST", `/tasks/${taskId}/entries`, callers.provider, { text: "My entry" });
  assert.equal(entry.statusCode, 201, entry.body);
  const withdrawal = await inject("POST", "/wallet/withdrawals", buyer, {
    amountMinor: 100,
    destination: { method: "alipay", account: "payee@example.com" },
  });
  assert.equal(withdrawal.statusCode, 201, withdrawal.body);
  const sessions = await inject("GET", "/me/sessions", buyer);
  realIds.id?.push(
    taskId,
    entry.json().entry.id,
    withdrawal.json().withdrawal.id,
    topUpId,
    buyer.user.id,
    ...((sessions.json().items ?? sessions.json().sessions ?? []) as { id: string }[]).map((s) => s.id),
  );
});
after(() => t.close());

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return ops;
}

/** A path parameter: a real id, a plausible one, or something raw that goes into the URL as is. */
function pathValue(name: string, rng: Rng): string {
  const real = realIds[name] ?? realIds.id ?? [];
  switch (rng.int(6)) {
    case 0:
    case 1:
      return real.length ? encodeURIComponent(rng.pick(real)) : uuid0;
    case 2:
      return rng.pick([
        randomUUID(),
        `wd_${randomUUID()}`,
        `tu_${randomUUID()}`,
        "sandbox",
        "thumb",
        "original",
      ]);
    case 3: // raw: bad percent-encoding, invalid UTF-8, over the router's 100 characters
      return rng.pick([
        "%",
        "%zz",
        "%E0%A4%A",
        "%ED%A0%80",
        "%C0%AF",
        "%00",
        "%2F..%2F",
        "a".repeat(101),
        "..",
        "%20",
      ]);
    default:
      return encodeURIComponent(
        String(rng.pick(EDGE_STRINGS))
          .replace(/[\ud800-\udfff]/g, "x")
          .slice(0, 300),
      );
  }
}

function queryString(op: Operation, rng: Rng): string {
  const parts: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === "query")) {
    if (rng.chance(0.4)) continue;
    let value: string;
    if (p.name === "cursor" && rng.chance(0.6)) value = enc(rng.pick(FORGED_CURSORS));
    else if (rng.chance(0.2)) value = rng.pick(["%", "%zz", "%ED%A0%80", "%F0%9F", "a%00b", ""]);
    else {
      const v = generate(doc, p.schema, rng);
      value = enc(typeof v === "string" ? v.slice(0, 2_000) : (JSON.stringify(v) ?? ""));
    }
    parts.push(`${p.name}=${value}`);
    if (rng.chance(0.1)) parts.push(`${p.name}=${value}`); // repeated: an array
  }
  if (rng.chance(0.1)) parts.push(`extra=${rng.int(10)}`, "__proto__[x]=1", "a[b][c]=d");
  return parts.length ? `?${parts.join("&")}` : "";
}

type Sent = {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  caller: string;
};

function buildRequest(op: Operation, rng: Rng): Sent {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValue(name, rng));
  const url = `${path}${queryString(op, rng)}`;
  const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.5" };
  const caller = rng.pick([
    "anonymous",
    "buyer",
    "provider",
    "operator",
    "buyer",
    "operator",
    "bad token",
  ] as const);
  const who = caller === "bad token" ? undefined : callers[caller];
  if (who) headers.authorization = who.headers.authorization;
  if (caller === "bad token")
    headers.authorization = rng.pick(["Bearer x", "Bearer ", "Basic Zm9v", "Bearer \u00e9"]);
  if (rng.chance(0.4)) {
    headers["idempotency-key"] = rng.pick([
      `fz-${rng.int(20)}`,
      randomUUID(),
      "k".repeat(300),
      "with space",
      "",
      "\u00e9t\u00e9",
    ]);
  }
  const sent: Sent = { method: op.method, url, headers, caller };
  const mayHaveBody = op.method !== "GET" && op.method !== "DELETE";
  const kind = rng.int(10);
  if (kind < 5 && (op.body || mayHaveBody)) {
    headers["content-type"] = "application/json";
    sent.payload = JSON.stringify(generate(doc, op.body, rng)) ?? "null";
  } else if (kind < 7) {
    headers["content-type"] = rng.pick(["application/json", "application/json; charset=utf-8"]);
    sent.payload = rawJsonBody(rng);
  } else if (kind < 9) {
    const m = multipartBody(rng);
    headers["content-type"] = m.contentType;
    sent.payload = m.payload;
  } else if (rng.chance(0.5)) {
    headers["content-type"] = rng.pick([
      "text/plain",
      "application/xml",
      "application/x-www-form-urlencoded",
      "image/png",
    ]);
    sent.payload = rng.pick(["outcome=succeeded&x=%ZZ", "<a/>", "hello", "\u0000\u0001"]);
  }
  return sent;
}

/** Every string in a value with a lone surrogate appended (keys too). */
function withLoneSurrogates(value: unknown): unknown {
  if (typeof value === "string") return `${value}\ud800`;
  if (Array.isArray(value)) return value.map(withLoneSurrogates);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLoneSurrogates(v)]));
  }
  return value;
}

/**
 * The fixed part of the run, sent for every operation whatever the seed: inputs that once made
 * 500s (issue 8) — 100,000-deep JSON with an Idempotency-Key, lone surrogates in every string of
 * a plausible body, every forged cursor, bad percent-encoding and over-long path parameters.
 */
function corpus(op: Operation, rng: Rng): Sent[] {
  const realPath = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent((realIds[name] ?? realIds.id ?? [uuid0])[0] ?? uuid0),
  );
  const out: Sent[] = [];
  for (const caller of ["buyer", "operator"] as const) {
    const headers = {
      authorization: callers[caller]?.headers.authorization ?? "",
      "content-type": "application/json",
    };
    if (op.method !== "GET") {
      out.push({
        method: op.method,
        url: realPath,
        headers: { ...headers, "idempotency-key": `corpus-deep-${rng.int(1e9)}` },
        payload: nested(100_000, rng),
        caller,
      });
      out.push({
        method: op.method,
        url: realPath,
        headers: { ...headers, "idempotency-key": `corpus-surrogate-${rng.int(1e9)}` },
        payload: JSON.stringify(withLoneSurrogates(generate(doc, op.body, rng))),
        caller,
      });
    }
    for (const p of op.parameters.filter((x) => x.in === "query")) {
      const values = p.name === "cursor" ? FORGED_CURSORS : ["%ED%A0%80", "a%00b", enc("\ud800")];
      for (const v of values) {
        out.push({ method: op.method, url: `${realPath}?${p.name}=${enc(v)}`, headers, caller });
      }
    }
  }
  if (op.path.includes("{")) {
    for (const raw of ["%ED%A0%80", "%zz", "a".repeat(101)]) {
      const url = op.path.replace(/\{(\w+)\}/g, raw);
      out.push({ method: op.method, url, headers: {}, caller: "anonymous" });
    }
  }
  return out;
}

/** What is wrong with a response, or undefined. */
function problem(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}): string | undefined {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return undefined;
  if (!String(res.headers["content-type"] ?? "").startsWith("application/json")) {
    return `a ${res.statusCode} that is not JSON (${res.headers["content-type"]})`;
  }
  let json: { error?: { code?: unknown; message?: unknown }; requestId?: unknown };
  try {
    json = JSON.parse(res.body);
  } catch {
    return `a ${res.statusCode} whose body is not JSON`;
  }
  if (typeof json.error?.code !== "string" || !KNOWN_CODES.has(json.error.code)) return "no known error.code";
  if (errorStatus[json.error.code as keyof typeof errorStatus] !== res.statusCode) {
    return `code ${json.error.code} with status ${res.statusCode}`;
  }
  if (typeof json.error.message !== "string" || json.error.message.length === 0) return "no error.message";
  if (typeof json.requestId !== "string" || json.requestId !== res.headers["x-request-id"])
    return "no requestId";
  return undefined;
}

test(`every operation of /openapi.json, a fixed corpus + ${REQUESTS} random requests: never a 5xx, every error in the one shape (seed ${SEED})`, async (ctx) => {
  const rng = prng(SEED);
  const ops = operations();
  assert.ok(ops.length >= 40, `only ${ops.length} operations in /openapi.json`);
  const perOp = Math.ceil(REQUESTS / ops.length);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  for (const op of ops) {
    const fixed = corpus(op, rng);
    for (let i = 0; i < fixed.length + perOp; i++) {
      const req = fixed[i] ?? buildRequest(op, rng);
      const res = await t.app.inject({
        method: req.method as "GET",
        url: req.url,
        headers: req.headers,
        remoteAddress: randomIp(),
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
      sent++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const wrong = problem(res);
      if (wrong) {
        const payload = req.payload === undefined ? "" : String(req.payload).slice(0, 200);
        failures.push(
          `${wrong}: ${req.method} ${req.url.slice(0, 200)} as ${req.caller} ${JSON.stringify(req.headers).slice(0, 200)} body=${JSON.stringify(payload)} → ${res.body.slice(0, 300)}`,
        );
      }
      // A fuzzed log-out or password change may end a caller's session: sign that caller up again.
      const who = callers[req.caller as keyof typeof callers];
      if (who && res.statusCode < 300 && req.method !== "GET") {
        const me = await t.app.inject({ url: "/api/v1/me", headers: who.headers });
        if (me.statusCode === 401) {
          const key = req.caller as "buyer" | "provider" | "operator";
          callers[key] = key === "operator" ? await signUpOperator(t.app, t) : await signUp(t.app);
        }
      }
    }
  }
  ctx.diagnostic(
    `seed ${SEED}: ${sent} requests over ${ops.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  if (failures.length > 0) {
    // Server errors first: they are the worst, and the rarest.
    const shown = [...failures].sort(
      (a, b) => Number(b.startsWith("status")) - Number(a.startsWith("status")),
    );
    assert.fail(
      `${failures.length} bad answers; FUZZ_SEED=${SEED} reproduces them. The first 25:\n${shown.slice(0, 25).join("\n")}`,
    );
  }
});
