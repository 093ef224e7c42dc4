// server/db/schema.ts is what kysely-codegen makes of the migrated database (scripts/db-types.ts):
// regenerated from this run's template database and compared, so a migration without
// `npm run db:types` fails here naming the tables that differ.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { test } from "node:test";
import { generateSchema, SCHEMA_FILE } from "../scripts/db-types.ts";
import { withDatabase } from "../server/db/database.ts";
import { testServerUrl } from "./helpers/db.ts";

test("server/db/schema.ts is current with the migrations (else: npm run db:types)", async () => {
  const url = withDatabase(testServerUrl(), process.env.LJ_TEST_TEMPLATE as string);
  const generated = await generateSchema(url);
  const current = await fs.readFile(SCHEMA_FILE, "utf8");
  if (generated === current) return;
  const blocks = (text: string) => new Set(text.split(/\n(?=export )/));
  const stale = [...blocks(generated)].filter((b) => !blocks(current).has(b)).map((b) => b.split("\n")[0]);
  assert.fail(`server/db/schema.ts is not current — run \`npm run db:types\`. Differs: ${stale.join("; ")}`);
});
