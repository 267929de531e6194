/**
 * Responses the service worker serves from its cache keep the page cross-origin isolated
 * (`crossOriginIsolated`, which tfjs's threaded wasm needs for SharedArrayBuffer): every one
 * gets the isolation headers that the host is asked to send (README "Hosting", vite.config.ts,
 * the browser tests' static server). A page is isolated by the headers on the response that
 * the browser receives, and for a page or worker script served by the service worker that is
 * the response this plugin returns; so the book is isolated offline, and after a first visit
 * even on a host that cannot set headers.
 *
 * They also get the book's Content-Security-Policy (scripts/site/csp.ts, the same policy as the
 * pages' <meta>, passed in at build time): a page keeps its <meta> either way, but a worker script
 * is governed only by the policy on its own response, so without the header the training workers
 * would run unrestricted whenever they come from the cache.
 */
import type { WorkboxPlugin } from 'workbox-core/types';

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The response with the isolation headers set, and the Content-Security-Policy when one is given
 * (a copy: cached responses' headers are immutable).
 */
export function withIsolationHeaders(response: Response, policy?: string): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  if (policy) headers.set('Content-Security-Policy', policy);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A Workbox plugin: runs on every response a strategy (here: the precache) hands to the page. */
export function servedHeadersPlugin(policy: string): WorkboxPlugin {
  return { handlerWillRespond: async ({ response }) => withIsolationHeaders(response, policy) };
}
