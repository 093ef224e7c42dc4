// npm run bench -- web [--runs=3] [--build]
// Lighthouse 12 (its Node API, mobile preset: a Moto G Power on slow 4G, simulated throttling) with
// Debian's Chromium, against a real server process (bench/web-server.ts: server/main.ts's start-up)
// on 127.0.0.1 with the demo data, on its own DATA_DIR and embedded PostgreSQL; it serves a copy of
// the current web/dist (--build builds it first). Pages: the home page and the demo's first contest page. For
// each page: the median of `runs` runs (by performance score) — performance, accessibility, FCP,
// LCP, TBT, CLS — and the JavaScript it loaded: decoded bytes and bytes on the wire, with the
// encoding the server chose. Results: docs/PERFORMANCE.md ("Web").
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const RUNS = Number(arg("runs", "3"));
const BUILD = process.argv.includes("--build");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const root = path.join(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ReturnType<typeof spawn>, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become ready");
}

type Run = {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  scripts: { url: string; resourceBytes: number; transferBytes: number }[];
};

type NetworkItem = { url: string; resourceType?: string; resourceSize?: number; transferSize?: number };

/** One Lighthouse run; tried again once when Chromium painted nothing (NO_FCP on a busy machine). */
async function measure(url: string, port: number): Promise<Run> {
  try {
    return await measureOnce(url, port);
  } catch (error) {
    console.error(`  retrying once: ${(error as Error).message}`);
    return measureOnce(url, port);
  }
}

async function measureOnce(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items ??
    []) as NetworkItem[];
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: audit("first-contentful-paint"),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    scripts: items
      .filter((i) => i.resourceType === "Script")
      .map((i) => ({ url: i.url, resourceBytes: i.resourceSize ?? 0, transferBytes: i.transferSize ?? 0 })),
  };
}

/** The encoding the server sends a script in when the browser accepts br and gzip. */
async function encodingOf(url: string): Promise<string> {
  const res = await fetch(url, { headers: { "accept-encoding": "br, gzip" } });
  await res.arrayBuffer();
  return res.headers.get("content-encoding") ?? "identity";
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

if (BUILD) {
  console.log("# building the web app (npm run build:web)…");
  execFileSync("npm", ["run", "build:web", "--silent"], { cwd: root, stdio: "inherit" });
}
const index = path.join(root, "web", "dist", "index.html");
const built = await fs.stat(index).catch(() => undefined);
if (!built) throw new Error("web/dist is missing: npm run build:web (or --build)");
const head = execFileSync("git", ["log", "-1", "--format=%h %cI"], { cwd: root }).toString().trim();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// Under the repository (.test-data/ is ignored by git): the embedded server may run as another
// user that cannot enter a private temp folder.
const dataDir = path.join(root, ".test-data", `bench-web-${process.pid}`);
await fs.mkdir(dataDir, { recursive: true });
// A copy of the build: the web app may be rebuilt (its assets replaced) while the bench runs.
const webDir = path.join(dataDir, "web");
await fs.cp(path.join(root, "web", "dist"), webDir, { recursive: true });
const server = spawn(process.execPath, [path.join(import.meta.dirname, "web-server.ts")], {
  cwd: root,
  env: {
    // Its own embedded PostgreSQL, never a DATABASE_URL of the caller's.
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "DATABASE_URL")),
    NODE_ENV: "production",
    ALLOW_SANDBOX_PAYMENTS: "true",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: path.join(dataDir, "data"),
    WEB_DIR: webDir,
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  await waitUntilReady(base, server);
  const list = (await (await fetch(`${base}/api/v1/tasks?mode=contest&limit=1`)).json()) as {
    items: { id: string; title: string }[];
  };
  const contest = list.items[0];
  if (!contest) throw new Error("the demo data has no contest");
  const pages = [
    { name: "home", url: `${base}/` },
    { name: `contest page (${contest.title})`, url: `${base}/tasks/${contest.id}` },
  ];

  const chromiumVersion = execFileSync(CHROMIUM, ["--version"]).toString().trim();
  console.log(
    `# ${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `# lighthouse 12.2.3 (mobile preset, simulated throttling) · ${chromiumVersion} · web/dist of ${built.mtime.toISOString()} · HEAD ${head}`,
  );
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  // One run to warm the server's and the OS's caches; not counted.
  await measure(pages[0]?.url as string, chrome.port);

  console.log(
    "| page | performance | accessibility | FCP | LCP | TBT | CLS | JS files | JS decoded | JS on the wire | encoding |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const page of pages) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(page.url, chrome.port);
      runs.push(run);
      console.error(
        `  ${page.name} run ${i + 1}: performance ${run.performance}, LCP ${s(run.lcpMs)}, TBT ${Math.round(run.tbtMs)} ms`,
      );
    }
    const median = [...runs].sort((a, b) => a.performance - b.performance)[
      Math.floor(runs.length / 2)
    ] as Run;
    const encodings = new Map<string, number>();
    for (const e of await Promise.all(median.scripts.map((x) => encodingOf(x.url)))) {
      encodings.set(e, (encodings.get(e) ?? 0) + 1);
    }
    const decoded = median.scripts.reduce((sum, x) => sum + x.resourceBytes, 0);
    const wire = median.scripts.reduce((sum, x) => sum + x.transferBytes, 0);
    console.log(
      `| ${page.name} | ${median.performance} (runs: ${runs.map((r) => r.performance).join(", ")}) | ${median.accessibility} | ${s(median.fcpMs)} | ${s(median.lcpMs)} | ${Math.round(median.tbtMs)} ms | ${median.cls.toFixed(3)} | ${median.scripts.length} | ${kB(decoded)} | ${kB(wire)} | ${[...encodings].map(([e, n]) => `${e} ×${n}`).join(", ")} |`,
    );
  }
} finally {
  await chrome?.kill();
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
}
