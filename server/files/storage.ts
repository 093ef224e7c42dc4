// The file storage port and its local adapter. Content-addressed: a blob's key is the sha256 of
// its bytes, so the same bytes are stored once, a key never changes meaning, and a storage name
// never comes from a client. Local layout: DATA_DIR/files/ab/cd/<sha256>. An S3 (or OSS/COS)
// adapter implements the same four methods. Uploads are private (unpaid originals, identity
// documents): folders are 0700 and files 0600 whatever the umask, so no other user of the machine
// can read them.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// The port itself is declared in core/ (Deps carries it), so core/ need not import files/.
export type { FileStorage, StoredBlob } from "../core/file-storage.ts";

import type { FileStorage, StoredBlob } from "../core/file-storage.ts";

const SHA256 = /^[0-9a-f]{64}$/;

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * mkdir -p where every folder this creates at or below `root` is 0700. mkdir's mode is filtered
 * through the umask, hence the chmod. Folders above `root` (DATA_DIR: the embedded PostgreSQL's
 * user may need to pass through it) and folders that already existed are left alone.
 */
export async function mkdirPrivate(dir: string, root: string): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created === undefined) return;
  // `created` is the first folder made; it and everything below it down to `dir` are new.
  for (let d = dir; d.startsWith(root); d = path.dirname(d)) {
    await fs.chmod(d, PRIVATE_DIR_MODE);
    if (d === created || d === root) break;
  }
}

export function assertSha256(sha256: string): void {
  // Keys reach file paths: anything but 64 hex digits is refused before touching the disk.
  if (!SHA256.test(sha256)) throw new Error(`Not a sha256 key: ${JSON.stringify(sha256.slice(0, 80))}`);
}

export function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function sha256OfFile(file: string): Promise<StoredBlob> {
  const hash = createHash("sha256");
  let byteSize = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    byteSize += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), byteSize };
}

export class LocalFileStorage implements FileStorage {
  readonly root: string;
  /** Where uploads are written while they are checked: the same file system, so put() renames. */
  readonly stagingDir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.stagingDir = path.join(this.root, ".staging");
  }

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Buffer | { path: string }): Promise<StoredBlob> {
    await mkdirPrivate(this.stagingDir, this.root);
    let blob: StoredBlob;
    let staged: string;
    if (Buffer.isBuffer(source)) {
      blob = { sha256: sha256Of(source), byteSize: source.length };
      staged = path.join(this.stagingDir, randomUUID());
      await fs.writeFile(staged, source, { flag: "wx", mode: PRIVATE_FILE_MODE });
    } else {
      blob = await sha256OfFile(source.path);
      staged = source.path;
    }
    const target = this.pathOf(blob.sha256);
    try {
      if (await this.exists(blob.sha256)) return blob;
      await mkdirPrivate(path.dirname(target), this.root);
      // Make the bytes durable before they get their name: a crash leaves either nothing or all.
      const handle = await fs.open(staged, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Also for a staged file written by someone else's stream (its mode went through the umask).
      await fs.chmod(staged, PRIVATE_FILE_MODE);
      await renameOrCopy(staged, target);
      return blob;
    } finally {
      await fs.rm(staged, { force: true });
    }
  }

  async get(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  stream(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), range);
  }

  async exists(sha256: string): Promise<boolean> {
    return fs.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** A new, empty staging file path (the caller writes to it, then put({ path }) or removes it). */
  async stagingPath(): Promise<string> {
    await mkdirPrivate(this.stagingDir, this.root);
    return path.join(this.stagingDir, randomUUID());
  }
}

async function renameOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    const tmp = `${to}.${randomUUID()}.tmp`;
    await pipeline(createReadStream(from), createWriteStream(tmp, { flags: "wx", mode: PRIVATE_FILE_MODE }));
    await fs.chmod(tmp, PRIVATE_FILE_MODE);
    await fs.rename(tmp, to);
  }
}

/**
 * Files stored before uploads became private (0444 blobs, umask folders): made 0600 / 0700 once
 * per storage, in the background; a marker file says it is done. Best effort: a failure is retried
 * at the next start.
 */
export async function makeExistingFilesPrivate(root: string): Promise<void> {
  const marker = path.join(root, ".private");
  if (
    await fs.access(marker).then(
      () => true,
      () => false,
    )
  )
    return;
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!entries) return;
  await fs.chmod(root, PRIVATE_DIR_MODE);
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    await fs.chmod(full, entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE).catch(() => {});
  }
  await fs.writeFile(marker, "", { mode: PRIVATE_FILE_MODE });
}

const storages = new Map<string, LocalFileStorage>();
/** The storage of a DATA_DIR: DATA_DIR/files. One instance per directory. */
export function localStorageFor(dataDir: string): LocalFileStorage {
  const root = path.join(path.resolve(dataDir), "files");
  let storage = storages.get(root);
  if (!storage) {
    storage = new LocalFileStorage(root);
    storages.set(root, storage);
    makeExistingFilesPrivate(root).catch(() => {});
  }
  return storage;
}
