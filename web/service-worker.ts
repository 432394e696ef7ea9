/// <reference lib="webworker" />

/**
 * The playground offline: on install, every file of the build (the list and its version are
 * written in by `precache-plugin.ts`, the Graphviz chunk included) goes into one cache; every
 * request in scope is answered from it, the network only for what it lacks. A new build has a
 * new version, so its worker fills a new cache; it takes over, deleting the old caches, once no
 * page of the old version is open (no `skipWaiting`), so an open page never loses a chunk it
 * has yet to load, such as Graphviz.
 */

/** What the build writes in place of `__DSAT_PRECACHE__`. */
export interface Precache {
  /** A digest of the files' contents: the cache's name changes with any of them. */
  readonly version: string;
  /** The files, relative to this worker's folder. */
  readonly files: readonly string[];
}

declare const __DSAT_PRECACHE__: Precache;
declare const self: ServiceWorkerGlobalScope;

const precache = __DSAT_PRECACHE__;
const CACHE = `dsat-playground-${precache.version}`;
const PREFIX = "dsat-playground-";

self.addEventListener("install", (event) => {
  const scope = self.registration.scope;
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(precache.files.map((file) => new URL(file, scope).href))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(cachedOrFetched(request));
});

/**
 * The cached copy of `request`: a page by its path whatever its query (`bench.html?passes=5`),
 * the folder itself as its `index.html`.
 */
async function cachedOrFetched(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const navigating = request.mode === "navigate";
  const url = new URL(request.url);
  if (navigating && url.pathname.endsWith("/")) url.pathname += "index.html";
  const hit = await cache.match(url.href, { ignoreSearch: navigating });
  return hit ?? fetch(request);
}
