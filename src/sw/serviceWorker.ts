/// <reference lib="webworker" />
/**
 * The book's service worker, built by vite-plugin-pwa (injectManifest) from Workbox modules:
 * it precaches the whole built book (every page, the JS and CSS chunks, KaTeX's woff2 fonts,
 * the MNIST and corpus data, the weights, tfjs's wasm binaries, the search index) on the first
 * visit, and serves it from the cache, so the book opens and trains with the network off.
 *
 * Updates are offered, not forced (prompt mode): a new deployment's worker installs in the
 * background and waits; the page shows "New version available — reload", and only the
 * reader's click sends SKIP_WAITING (src/shell/offline/register.ts).
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import policy from 'virtual:book-csp';
import { servedHeadersPlugin } from './isolationHeaders';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// Isolation headers and the book's CSP on everything served from the cache (isolationHeaders.ts).
addPlugins([servedHeadersPlugin(policy)]);
precacheAndRoute(self.__WB_MANIFEST, {
  // `/<slug>/` is served from the precached `/<slug>/index.html`.
  directoryIndex: 'index.html',
  // Query strings carry widget settings (`?ch2-em.k=4`), read by the page, never by the host.
  ignoreURLParametersMatching: [/.*/],
});
cleanupOutdatedCaches();

// Any other page address (a mistyped chapter) gets the book's not-found page, offline too.
// Addresses of files (with an extension other than .html) are left to the network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(new URL('404.html', self.location.href).href), {
    denylist: [/\/[^/?#]+\.(?!html(?:$|[?#]))[^/?#]+(?:$|[?#])/],
  }),
);

// The first worker takes over the open page at once, so the reader's first visit already works
// offline; a later one waits for the reader (prompt mode) and then takes over too.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
