import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { precachePlugin, SERVICE_WORKER_FILE } from "./precache-plugin.js";

/**
 * The playground: a static page (no server of its own), built to dist-web/. Relative asset
 * paths, so the built folder works from any location. The Graphviz WebAssembly stays in a chunk
 * of its own, fetched only when the e-graph is drawn; the service worker (`sw.js`, unhashed at
 * the top so its scope is the page) precaches it with everything else, for use offline.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../dist-web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        bench: fileURLToPath(new URL("bench.html", import.meta.url)),
        sw: fileURLToPath(new URL("service-worker.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? SERVICE_WORKER_FILE : "assets/[name]-[hash].js"),
      },
    },
  },
  worker: { format: "es" },
  plugins: [precachePlugin()],
});
