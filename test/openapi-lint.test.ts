// The OpenAPI document is complete enough for client generators: Redocly's recommended rules
// (operationId on every operation, security declared — `[]` for public ones —, a 4xx response on
// each…) report no error on the /openapi.json the app serves. Runs the CLI pinned in package.json.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { startTestApp } from "./helpers/app.ts";

const run = promisify(execFile);
const root = path.join(import.meta.dirname, "..");

const t = await startTestApp();
after(() => t.close());

test("Redocly's recommended rules find no error in /openapi.json", async () => {
  const res = await t.app.inject("/openapi.json");
  assert.equal(res.statusCode, 200);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-openapi-"));
  const file = path.join(dir, "openapi.json");
  await fs.writeFile(file, res.body);
  try {
    const out = await run(
      path.join(root, "node_modules/.bin/redocly"),
      ["lint", file, "--extends=recommended", "--format=json"],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    const report = JSON.parse(out.stdout ?? "{}") as {
      totals?: { errors: number; warnings: number };
      problems?: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = (report.problems ?? []).filter((p) => p.severity === "error");
    const summary = errors.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    assert.ok(report.totals, `redocly printed no report: ${out.stderr}`);
    // The counts, for the record (warnings are advice: examples, license, summaries…).
    const byRule = new Map<string, number>();
    for (const p of report.problems ?? [])
      byRule.set(`${p.severity} ${p.ruleId}`, (byRule.get(`${p.severity} ${p.ruleId}`) ?? 0) + 1);
    console.log(
      `# redocly: ${report.totals.errors} errors, ${report.totals.warnings} warnings`,
      Object.fromEntries(byRule),
    );
    assert.deepEqual(summary, []);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
