/**
 * A tiny path router over `history`: `${BASE}` is the home page, `${BASE}<slug>/` a chapter.
 * No router library: the current path is read with useSyncExternalStore, and one delegated
 * click listener (see linkClicks.ts) turns same-site links into pushState navigations.
 * Query strings are never touched by the router, so widget URL state survives reloads.
 */
import { useSyncExternalStore } from 'react';

export type Route = { kind: 'home' } | { kind: 'chapter'; slug: string } | { kind: 'not-found'; path: string };

/** `import.meta.env.BASE_URL` with exactly one trailing slash ('/', '/book/'). */
export function normalizeBase(base: string): string {
  const withLeading = base.startsWith('/') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

export const BASE = normalizeBase(import.meta.env.BASE_URL ?? '/');

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Maps a pathname to a route; `/book`, `/book/` and `/book/index.html` are all home. */
export function parseRoute(pathname: string, base: string = BASE): Route {
  const root = normalizeBase(base);
  if (pathname === root.slice(0, -1) || pathname === root) return { kind: 'home' };
  if (!pathname.startsWith(root)) return { kind: 'not-found', path: pathname };
  let rest = pathname.slice(root.length);
  rest = rest.replace(/(^|\/)index\.html$/, '$1').replace(/\/$/, '');
  if (rest === '') return { kind: 'home' };
  if (SLUG.test(rest)) return { kind: 'chapter', slug: rest };
  return { kind: 'not-found', path: pathname };
}

export function homePath(base: string = BASE): string {
  return normalizeBase(base);
}

export function chapterPath(slug: string, base: string = BASE): string {
  return `${normalizeBase(base)}${slug}/`;
}

const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

let serverPathname = BASE;

/** The path being rendered at build time (scripts/site/prerender.ts renders one page per path). */
export function setServerPathname(pathname: string): void {
  serverPathname = pathname;
}

const currentPathname = () => window.location.pathname;

/**
 * The current pathname; components re-render on navigation but not on query/hash changes.
 * While hydrating a prerendered page the browser's own path is the "server" snapshot: it is the
 * path the page was rendered for, so the first client render matches the HTML.
 */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPathname, () => (typeof window === 'undefined' ? serverPathname : currentPathname()));
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}

let focusRequested = false;

/** Client-side navigation: pushes the URL, re-renders, and scrolls to the top or to the hash. */
export function navigate(href: string): void {
  const url = new URL(href, window.location.href);
  window.history.pushState(null, '', url);
  focusRequested = true;
  notify();
  if (!url.hash) window.scrollTo(0, 0);
}

/**
 * True once after an in-app navigation: the new page should move keyboard and screen-reader
 * focus to its heading (a full page load starts at the top of the document anyway).
 */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}
