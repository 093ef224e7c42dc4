// The web app: root web/, built to web/dist (served by the Fastify server with an SPA fallback).
// `npx vite --config web/vite.config.ts` runs a dev server that proxies /api to the app on :3000.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { precompress } from "../scripts/precompress.ts";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

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
          return /\/node_modules\/(react|react-dom|react-router|scheduler|@tanstack)\//.test(id)
            ? "vendor"
            : undefined;
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
