// Brotli and gzip copies of the built web app's text files (x.js → x.js.br, x.js.gz), written once
// at build time so that the server sends them as they are (@fastify/static `preCompressed`)
// instead of compressing on every request — or, as before, not at all (587 kB for the home page).
// Run by the Vite build (web/vite.config.ts) after it writes web/dist.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = new Set([
  ".js",
  ".mjs",
  ".css",
  ".html",
  ".svg",
  ".json",
  ".txt",
  ".map",
  ".webmanifest",
]);
/** Below this a compressed copy saves less than a packet's worth and costs a file. */
const MIN_BYTES = 512;

export type Precompressed = { file: string; bytes: number; br?: number; gz?: number };

/** Writes `.br` and `.gz` next to every compressible file under `dir` (only when smaller). */
export function precompress(dir: string): Precompressed[] {
  const done: Precompressed[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    const bytes = statSync(file).size;
    if (bytes < MIN_BYTES) continue;
    const content = readFileSync(file);
    const result: Precompressed = { file: path.relative(dir, file), bytes };
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
      },
    });
    if (br.length < bytes) {
      writeFileSync(`${file}.br`, br);
      result.br = br.length;
    }
    const gz = gzipSync(content, { level: 9 });
    if (gz.length < bytes) {
      writeFileSync(`${file}.gz`, gz);
      result.gz = gz.length;
    }
    done.push(result);
  }
  return done;
}

if (import.meta.main) {
  const dir = process.argv[2] ?? path.join(import.meta.dirname, "..", "web", "dist");
  for (const { file, bytes, br, gz } of precompress(dir)) {
    console.log(`${file}: ${bytes} B → br ${br ?? "-"} B, gzip ${gz ?? "-"} B`);
  }
}
