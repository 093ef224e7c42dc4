// npm run bench -- <name> [args…]: runs bench/<name>.ts (ledger, originality, …). Each benchmark
// prints its measurements; the recorded results live in docs/PERFORMANCE.md.
import { readdirSync } from "node:fs";
import path from "node:path";

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(import.meta.dirname)
  // *-server.ts are the processes some benchmarks start, not benchmarks.
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && f !== "run.ts" && !f.endsWith("-server.ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join("|")}> [args…]`);
  process.exit(name ? 1 : 0);
}
process.argv = [process.argv[0] as string, path.join(import.meta.dirname, `${name}.ts`), ...rest];
await import(`./${name}.ts`);
