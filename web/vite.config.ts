// The web app: root web/, built to web/dist (served by the Fastify server with an SPA fallback).
// `npx vite --config web/vite.config.ts` runs a dev server that proxies /api to the app on :3000.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { precompress } from "../scripts/precompress.ts";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

// What the first page needs whatever it is (the app shell, the home page's parts; every page uses
// them): one chunk, not a dozen of a few hundred bytes each — each file costs ~0.8 kB of response
// headers on the wire (the home's first load was 15 scripts). Pages and catalogues stay lazy.
const SHELL = new RegExp(
  [
    "/web/src/app/(i18n/(zh-CN|catalogues|messages|I18nProvider)|router|match-route|lazy-page|auth/AuthProvider)\\.",
    "/web/src/components/(cx|Icon|Notice|Button|AsyncView|Badge|Card|Avatar)\\.",
    "/web/src/lib/(api|money|errors|categories)\\.",
    "/web/src/features/home/ways-to-buy\\.",
    "/contracts/web-routes\\.",
  ].join("|"),
);

/** After a build: .br and .gz copies of every text asset, sent as they are by the server. */
function precompressBuild(): Plugin {
  return {
    name: "liangjiang:precompress",
    apply: "build",
    closeBundle() {
      precompress(fileURLToPath(new URL("dist", import.meta.url)));
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompressBuild()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Modern browsers only (evergreen Chromium, Safari, Firefox, WeChat's built-in browser).
    target: "es2022",
    rollupOptions: {
      output: {
        // The libraries every page needs in one chunk (not split by which page imported them
        // first); zod and the rest stay with the pages that use them.
        manualChunks(id) {
          if (/\/node_modules\/(react|react-dom|react-router|scheduler|@tanstack)\//.test(id))
            return "vendor";
          return SHELL.test(id) ? "shell" : undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    // contracts/ lives beside web/: let the dev server read it.
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false, ws: true },
    },
  },
});
