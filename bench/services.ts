// npm run bench -- services [--services=20000] [--pages=20]
// The public service list (features/services listServices, the query behind GET /services) over
// `services` active and paused services with three packages each, on one PostgreSQL (DATABASE_URL,
// or a fresh embedded server): each sort and filter walks `pages` pages of 20 by its cursor, as a
// visitor paging down; prints the median and p95 per page. Results: docs/PERFORMANCE.md ("Services").
import { sql } from "kysely";
import type { ServiceListQuery } from "../contracts/services.ts";
import { anonymous } from "../server/core/actor.ts";
import { connect } from "../server/db/database.ts";
import { migrate } from "../server/db/migrate.ts";
import { listServices } from "../server/features/services/services.queries.ts";
import { arg, benchPostgres } from "./lib/postgres.ts";

const SERVICES = Number(arg("services", "20000"));
const PAGES = Number(arg("pages", "20"));

const bench = await benchPostgres("services");
await bench.printHeader();
const { url } = await bench.createDatabase("lj_bench_services");
const { db, close } = connect(url);
try {
  await migrate(url);
  const provider = await db
    .insertInto("accounts")
    .values({ email: "bench@example.com", display_name: "Bench", password_hash: "x", locale: "zh-CN" })
    .returning("id")
    .executeTakeFirstOrThrow();
  // One service in ten is paused (not listed); prices random; from_price_minor as the use cases write it.
  await sql`
    INSERT INTO services (id, provider_id, title, description, category_id, status, created_at, updated_at,
                          from_price_minor)
    SELECT gen_random_uuid(), ${provider.id}::uuid, '服务 Service ' || i, 'description ' || i,
           (ARRAY['logo', 'website', 'trademark', 'poster'])[1 + i % 4],
           CASE WHEN i % 10 = 0 THEN 'paused' ELSE 'active' END,
           now() - (i || ' seconds')::interval, now(), 1
    FROM generate_series(1, ${SERVICES}::int) i`.execute(db);
  await sql`
    INSERT INTO service_packages (service_id, tier, price_minor, delivery_days, revisions, description)
    SELECT s.id, tier, 1000 + (random() * 100000)::int, 3, 1, ''
    FROM services s, unnest(ARRAY['basic', 'standard', 'premium']) tier`.execute(db);
  await sql`UPDATE services s SET from_price_minor =
              (SELECT min(p.price_minor) FROM service_packages p WHERE p.service_id = s.id)`.execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(`# ${SERVICES} services, pages of 20, ${PAGES} pages each`);

  const cases: [string, Partial<ServiceListQuery>][] = [
    ["newest", { sort: "newest" }],
    ["price_asc", { sort: "price_asc" }],
    ["price_desc", { sort: "price_desc" }],
    ["categoryId=brand (a root: its children)", { sort: "newest", categoryId: "brand" }],
    ["q=Service 1234", { sort: "newest", q: "Service 1234" }],
  ];
  for (const [label, query] of cases) {
    const times: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < PAGES; i++) {
      const started = performance.now();
      const page = await listServices(
        db,
        { limit: 20, sort: "newest", ...query, ...(cursor ? { cursor } : {}) },
        anonymous,
      );
      times.push(performance.now() - started);
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(1);
    console.log(`${label.padEnd(42)} median ${at(0.5)} ms · p95 ${at(0.95)} ms (${times.length} pages)`);
  }
} finally {
  await close();
  await bench.close();
}
