import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The playground: a static page (no server of its own), built to dist-web/. Relative asset
 * paths, so the built folder works from any location. The Graphviz WebAssembly stays in a chunk
 * of its own, fetched only when the e-graph is drawn.
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
      },
    },
  },
  worker: { format: "es" },
});
