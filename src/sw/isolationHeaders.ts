/**
 * Responses the service worker serves from its cache keep the page cross-origin isolated
 * (`crossOriginIsolated`, which tfjs's threaded wasm needs for SharedArrayBuffer): every one
 * gets the isolation headers that the host is asked to send (README "Hosting", vite.config.ts,
 * the browser tests' static server). A page is isolated by the headers on the response that
 * the browser receives, and for a page or worker script served by the service worker that is
 * the response this plugin returns; so the book is isolated offline, and after a first visit
 * even on a host that cannot set headers.
 */
import type { WorkboxPlugin } from 'workbox-core/types';

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The response with the isolation headers set (a copy: cached responses' headers are immutable). */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A Workbox plugin: runs on every response a strategy (here: the precache) hands to the page. */
export const isolationHeadersPlugin: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};
