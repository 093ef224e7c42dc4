// What the benchmarks share: their command-line options, the PostgreSQL they run on (DATABASE_URL's
// server, or a fresh embedded one) with a database of their own, the machine header of their output,
// and, for those that start a server process (bench/api-server.ts), a free port and the wait for it.
// In bench/lib/ so that `npm run bench` (bench/run.ts) does not list it as a benchmark.
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { withDatabase } from "../../server/db/database.ts";
import { startEmbeddedPostgres } from "../../server/db/embedded.ts";

/** `--name=value` from the command line, or `fallback`. */
export const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;

export type BenchPostgres = {
  /** The bench's own folder under .test-data/ (an app's DATA_DIR may go here); close() removes it. */
  dir: string;
  /** The server's URL (no database named). */
  serverUrl: string;
  /** A connection to its `postgres` database, to create and drop the bench's databases. */
  admin: pg.Client;
  embedded: boolean;
  /** A new empty database `<prefix>_<pid>`; its URL. close() drops it. */
  createDatabase(prefix: string): Promise<{ name: string; url: string }>;
  /** Prints the machine, its load and the server: the header of every recorded result. */
  printHeader(extra?: string): Promise<void>;
  /** Drops the databases made here, stops an embedded server and removes its files. */
  close(): Promise<void>;
};

/**
 * The benchmark's PostgreSQL. An embedded server lives under the repository (.test-data/ is ignored
 * by git): it may run as another user that cannot enter a private temp folder.
 */
export async function benchPostgres(label: string): Promise<BenchPostgres> {
  const root = path.join(import.meta.dirname, "..", "..");
  const tmp = path.join(root, ".test-data", `bench-${label}-${process.pid}`);
  await fs.mkdir(tmp, { recursive: true });
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(tmp, "pg"), {});
  const serverUrl = process.env.DATABASE_URL ?? (embedded?.serverUrl as string);
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  const made: string[] = [];
  return {
    dir: tmp,
    serverUrl,
    admin,
    embedded: embedded !== undefined,
    async createDatabase(prefix) {
      const name = `${prefix}_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`);
      made.push(name);
      return { name, url: withDatabase(serverUrl, name) };
    },
    async printHeader(extra) {
      const version = (await admin.query("SHOW server_version")).rows[0].server_version;
      console.log(
        `# ${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · node ${process.version}`,
      );
      console.log(
        `# load average before the run: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      console.log(
        `# PostgreSQL ${version} (${embedded ? "embedded" : "DATABASE_URL"})${extra ? ` ${extra}` : ""}`,
      );
    },
    async close() {
      for (const name of made.reverse()) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      }
      await admin.end();
      await embedded?.stop();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}

/** A TCP port nobody listens on right now (for a server process the bench starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Waits (up to 30 s) until `url` answers 2xx: the server process the bench started is up. */
export async function waitUntilUp(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${url}`);
}
