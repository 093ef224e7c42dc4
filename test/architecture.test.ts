// The layers, enforced: every server file's imports are read (as text: `import … from "x"`,
// `export … from "x"`, `import("x")`) and checked against the rules of docs/ARCHITECTURE.md:
//   - the kernel and the ports (core/, lib/, ledger/, db/, jobs/, files/, mail/, payments/,
//     verification/, realtime/) import no feature;
//   - http/ (Fastify glue) imports no feature;
//   - no cycle between server/ folders (features/ counted as one) nor between features;
//   - a way of buying (a mode: contests/, piecework/, tenders/, services/) imports no other mode.
// server/app.ts, main.ts, cli.ts and config.ts are the composition root: they may import anything.
//   - a job's file (*.jobs.ts: its worker) and the use cases it runs never import each other in a
//     circle — the use cases import the job's definition (*.queues.ts, defineJob) instead.
// Tests (*.test.ts) and test fixtures may reach across features; they are not part of the layers.
import assert from "node:assert/strict";
import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.join(import.meta.dirname, "..");

const NO_FEATURES = [
  "core",
  "lib",
  "ledger",
  "db",
  "jobs",
  "files",
  "mail",
  "payments",
  "verification",
  "realtime",
  "http",
];
const MODES = ["contests", "piecework", "tenders", "services"];

/**
 * Cycles allowed while work is in progress: each entry a cycle as the test prints it (or a file,
 * allowing any cycle through it), with its reason. Empty since issue 13: keep it so. A cycle listed
 * here that no longer exists fails the test too, so the list only shrinks.
 */
const ALLOWED_CYCLES: string[] = [];

/** A server file's place: its top folder (`features/<noun>` for a feature), or undefined for the root. */
export function placeOf(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] !== "server" || parts.length < 3) return undefined;
  if (parts[1] === "features") return parts.length >= 4 ? `features/${parts[2]}` : undefined;
  return parts[1];
}

const isFeature = (place: string) => place.startsWith("features/");

/** Imports of one file's source, resolved to repository paths (package imports are dropped). */
export function importsOf(file: string, source: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/gms),
    ...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);
  return specs
    .filter((s) => s.startsWith("."))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
}

/** Every broken rule of a set of files ({ file → resolved imports }), as readable lines. */
export function violations(files: Map<string, string[]>, allowedCycles = ALLOWED_CYCLES): string[] {
  const problems: string[] = [];
  const folderEdges = new Map<string, Set<string>>();
  const featureEdges = new Map<string, Set<string>>();
  const edge = (edges: Map<string, Set<string>>, from: string, to: string) => {
    if (from === to) return;
    const set = edges.get(from) ?? new Set<string>();
    set.add(to);
    edges.set(from, set);
  };
  for (const [file, imports] of files) {
    if (/\.test\.ts$|\.fixtures\.ts$/.test(file)) continue;
    const from = placeOf(file);
    if (!from) continue;
    for (const target of imports) {
      const to = placeOf(target);
      if (!to || to === from) continue;
      if (NO_FEATURES.includes(from) && isFeature(to))
        problems.push(`${file}: ${from}/ imports a feature (${target})`);
      const fromMode = isFeature(from) ? from.slice("features/".length) : "";
      const toMode = isFeature(to) ? to.slice("features/".length) : "";
      if (MODES.includes(fromMode) && MODES.includes(toMode)) {
        problems.push(`${file}: the mode ${fromMode} imports the mode ${toMode} (${target})`);
      }
      edge(folderEdges, isFeature(from) ? "features" : from, isFeature(to) ? "features" : to);
      if (isFeature(from) && isFeature(to)) edge(featureEdges, from, to);
    }
  }
  // A job's file and the use cases it runs never import each other in a circle (docs: defineJob).
  const fileEdges = new Map<string, Set<string>>();
  for (const [file, imports] of files) {
    if (/\.test\.ts$|\.fixtures\.ts$/.test(file)) continue;
    for (const target of imports) if (files.has(target)) edge(fileEdges, file, target);
  }
  const jobCycles = findCycles(fileEdges).filter((cycle) => /\.jobs\.ts\b/.test(cycle));
  const cycles = [...findCycles(folderEdges), ...findCycles(featureEdges), ...jobCycles];
  const allows = (allowed: string, cycle: string) =>
    cycle === allowed || cycle.split(" ↔ ").includes(allowed);
  for (const cycle of cycles) {
    if (!allowedCycles.some((allowed) => allows(allowed, cycle))) problems.push(`cycle: ${cycle}`);
  }
  for (const allowed of allowedCycles) {
    if (!cycles.some((cycle) => allows(allowed, cycle)))
      problems.push(`allowed cycle no longer exists, remove it from ALLOWED_CYCLES: ${allowed}`);
  }
  return problems;
}

/** Each strongly connected group of more than one node, as "a ↔ b ↔ c" (sorted, so stable). */
function findCycles(edges: Map<string, Set<string>>): string[] {
  // Tarjan's algorithm: small graphs, recursion is fine.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort().join(" ↔ "));
    }
  };
  for (const v of [...edges.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return groups.sort();
}

function serverFiles(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const file of globSync("server/**/*.ts", { cwd: root })) {
    const posix = file.split(path.sep).join("/");
    files.set(posix, importsOf(posix, readFileSync(path.join(root, file), "utf8")));
  }
  return files;
}

test("the rules catch a planted forbidden import, a mode importing a mode, and a cycle", () => {
  const planted = new Map<string, string[]>([
    [
      "server/ledger/ledger.ts",
      importsOf("server/ledger/ledger.ts", 'import { x } from "../features/wallet/y.ts";'),
    ],
    ["server/http/kit.ts", importsOf("server/http/kit.ts", 'export { y } from "../features/tasks/z.ts";')],
    ["server/core/a.ts", importsOf("server/core/a.ts", 'const m = await import("../features/audit/q.ts");')],
    ["server/features/contests/a.ts", ["server/features/tenders/b.ts"]],
    ["server/features/tenders/b.ts", ["server/features/contests/a.ts"]],
    ["server/features/tasks/t.ts", ["server/features/wallet/w.ts"]],
    ["server/features/wallet/w.ts", ["server/lib/x.ts"]],
    ["server/features/wallet/wallet.jobs.ts", ["server/features/wallet/pay.ts"]],
    ["server/features/wallet/pay.ts", ["server/features/wallet/wallet.jobs.ts"]],
    ["server/features/wallet/w.test.ts", ["server/features/contests/a.ts"]],
    ["server/core/deps.ts", ["server/jobs/jobs.ts"]],
    ["server/jobs/jobs.ts", ["server/core/events.ts"]],
    ["server/app.ts", ["server/features/contests/a.ts"]],
  ]);
  assert.deepEqual(
    violations(planted, []).sort(),
    [
      "cycle: core ↔ jobs",
      "cycle: features/contests ↔ features/tenders",
      "cycle: server/features/wallet/pay.ts ↔ server/features/wallet/wallet.jobs.ts",
      "server/core/a.ts: core/ imports a feature (server/features/audit/q.ts)",
      "server/features/contests/a.ts: the mode contests imports the mode tenders (server/features/tenders/b.ts)",
      "server/features/tenders/b.ts: the mode tenders imports the mode contests (server/features/contests/a.ts)",
      "server/http/kit.ts: http/ imports a feature (server/features/tasks/z.ts)",
      "server/ledger/ledger.ts: ledger/ imports a feature (server/features/wallet/y.ts)",
    ].sort(),
  );
});

test("the server's imports follow the layers (docs/ARCHITECTURE.md)", () => {
  const files = serverFiles();
  assert.ok(files.size > 100, "the server files were found");
  assert.deepEqual(violations(files), []);
});
