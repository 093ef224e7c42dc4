// The whole application on a fresh database, for integration tests through HTTP (app.inject or a
// real port). Nothing of our own is mocked: real PostgreSQL, real job queue, real routes.
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type AppDeps, buildApp, eventConsumers, jobDefinitions, WEB_DIST } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { type Clock, systemClock } from "../../server/core/clock.ts";
import { connect } from "../../server/db/database.ts";
import { type EventDispatcher, startEventConsumers } from "../../server/jobs/event-consumers.ts";
import { startJobs } from "../../server/jobs/jobs.ts";
import { buildPorts } from "../../server/ports.ts";
import { type RealtimeHub, startRealtimeHub } from "../../server/realtime/realtime.ts";
import { createTestDatabase } from "./db.ts";

export type TestApp = AppDeps & {
  app: FastifyInstance;
  url: string;
  /** The test database's URL (another app on the same database: `sameDatabaseAs`). */
  databaseUrl?: string;
  close(): Promise<void>;
};

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    workers?: boolean;
    listen?: boolean;
    /** The built web app to serve (default web/dist). */
    webDir?: string;
    /** The app's clock (default the real one): a testClock() decides timers without sleeping. */
    clock?: Clock;
    /** Run on this app's database instead of a fresh one — a second app process (realtime fan-out). */
    sameDatabaseAs?: TestApp;
  } = {},
): Promise<TestApp> {
  const shared = options.sameDatabaseAs?.databaseUrl;
  const database = shared ? shareDatabase(shared) : await createTestDatabase();
  // A listening app knows its port before the config is made, so that PUBLIC_URL (absolute links
  // such as the sandbox's pay URL) points at this very server.
  const port = options.listen ? await freePort() : 0;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), "lj-app-")),
    SEED_DEMO: "false",
    PORT: String(port),
    ...(options.listen ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...options.env,
  });
  let ports: ReturnType<typeof buildPorts>;
  try {
    ports = buildPorts(config); // refuses a configuration (sandbox payments in production)
  } catch (error) {
    // Drop the database, or its open pool keeps the test file's process alive forever.
    await database.drop();
    throw error;
  }
  const jobs = await startJobs(database.url, () => {});
  // This app's sockets (GET /api/v1/stream); a second app on the same database has its own.
  const realtime: RealtimeHub = await startRealtimeHub({
    connectionString: database.url,
    log: () => {},
  }).catch(async (error) => {
    await jobs.stop();
    await database.drop();
    throw error;
  });
  const deps: AppDeps = {
    config,
    db: database.db,
    jobs,
    clock: options.clock ?? systemClock,
    ...ports,
    webDir: options.webDir ?? WEB_DIST,
    realtime,
  };
  let app: FastifyInstance | undefined;
  let url = "";
  let events: EventDispatcher | undefined;
  try {
    app = await buildApp(deps);
    if (options.workers) {
      await jobs.work(jobDefinitions(deps));
      events = await startEventConsumers(database.db, eventConsumers(deps), {
        connectionString: database.url,
        log: () => {},
      });
    }
    if (options.listen) {
      await app.listen({ port, host: "127.0.0.1" });
      const address = app.server.address();
      url = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
    } else {
      await app.ready();
    }
  } catch (error) {
    // Release everything, or the open pool keeps the test file's process alive forever.
    await events?.stop();
    await app?.close();
    await realtime.stop();
    await jobs.stop();
    await database.drop();
    throw error;
  }
  return {
    ...deps,
    app,
    url,
    databaseUrl: database.url,
    async close() {
      await events?.stop();
      await app.close();
      await realtime.stop();
      await jobs.stop();
      await database.drop();
      await fs.rm(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** Another pool on an existing test database; dropping it only closes the pool (its owner drops it). */
function shareDatabase(url: string) {
  const { db, pool, close } = connect(url, { max: 20 });
  return { url, db, pool, drop: close };
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
