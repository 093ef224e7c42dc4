// `npm start`: build the web app when its build is missing or older than its sources, then run
// the server. Keeps `npm ci && npm start` enough on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureWebBuild(): void {
  const index = path.join(root, "web", "dist", "index.html");
  const sources = Math.max(newestMtime(path.join(root, "web")), newestMtime(path.join(root, "contracts")));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log("[liangjiang] building the web app…");
  const result = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("[liangjiang] the web app failed to build");
    process.exit(result.status ?? 1);
  }
}

if (import.meta.main) {
  ensureWebBuild();
  await import("../server/main.ts");
}
