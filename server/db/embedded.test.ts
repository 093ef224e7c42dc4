// The embedded server keeps its data across stop/start, and a second process on the same DATA_DIR
// attaches to the running server instead of starting another.
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import pg from "pg";
import { withDatabase } from "./database.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lj-embedded-"));
await fs.chmod(dataDir, 0o755);
after(() => fs.rm(dataDir, { recursive: true, force: true }));

async function query(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test("data survives a stop and a start; a second opener attaches", { timeout: 120_000 }, async () => {
  const first = await startEmbeddedPostgres(dataDir, { adopt: true });
  assert.equal(first.owned, true);
  await query(first.serverUrl, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");

  const second = await startEmbeddedPostgres(dataDir);
  assert.equal(second.owned, false, "attached, not a second server");
  assert.equal(new URL(second.serverUrl).port, new URL(first.serverUrl).port);
  await second.stop(); // a no-op for a process that does not own the server
  assert.deepEqual(await query(first.serverUrl, "SELECT v FROM kept"), [{ v: "still here" }]);

  await first.stop();
  await assert.rejects(query(first.serverUrl, "SELECT 1"), "stopped means stopped");

  const again = await startEmbeddedPostgres(dataDir, { adopt: true });
  try {
    assert.deepEqual(await query(again.serverUrl, "SELECT v FROM kept"), [{ v: "still here" }]);
  } finally {
    await again.stop();
  }
});
