import { createHash } from "node:crypto";
import type { Plugin } from "vite";

/**
 * Writes the service worker's precache list (see `service-worker.ts`) from the build itself:
 * every file the build emits, the lazily loaded Graphviz chunk and the check worker included,
 * so that once the page has loaded it works without the network. Left out: the service worker
 * itself, and KaTeX's `.woff` and `.ttf` fonts, fallbacks that no browser with service workers
 * fetches (they all read the `.woff2` that KaTeX's stylesheet lists first).
 *
 * A hand-written plugin rather than vite-plugin-pwa/Workbox: the list is one pass over the
 * bundle, and a dependency would be larger than the worker it writes.
 */

/** The worker's output name: unhashed and at the top of the build, so its scope is the page's folder. */
export const SERVICE_WORKER_FILE = "sw.js";
const PLACEHOLDER = "__DSAT_PRECACHE__";

/** Whether a built file is precached. */
export function precached(file: string): boolean {
  return file !== SERVICE_WORKER_FILE && !/\.(woff|ttf)$/.test(file) && !file.startsWith(".vite/");
}

export function precachePlugin(): Plugin {
  return {
    name: "dsat-precache",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER_FILE];
      if (worker === undefined || worker.type !== "chunk" || !worker.code.includes(PLACEHOLDER)) {
        this.error(`${SERVICE_WORKER_FILE} with ${PLACEHOLDER} missing from the build`);
      }
      const files = Object.keys(bundle).filter(precached).sort();
      const digest = createHash("sha256");
      for (const file of files) {
        const output = bundle[file]!;
        digest.update(file).update(output.type === "chunk" ? output.code : output.source);
      }
      const precache = { version: digest.digest("hex").slice(0, 16), files };
      worker.code = worker.code.replace(PLACEHOLDER, JSON.stringify(precache));
    },
  };
}
