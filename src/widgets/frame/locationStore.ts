/**
 * The page's query string as an external store for `useSyncExternalStore`.
 *
 * Writes update an in-memory copy at once (so every widget re-renders in the same frame) and
 * reach `history.replaceState` shortly after: browsers throttle replaceState (Chrome ignores
 * calls beyond ~200 per 10 s, Safari throws), and a dragged slider writes on every input event.
 * Back/forward (popstate) and anyone else who dispatches URL_CHANGE_EVENT after changing the
 * URL are picked up.
 */
export const URL_CHANGE_EVENT = 'book:urlchange';
const WRITE_DELAY_MS = 120;

let current: string | null = null;
let pendingTimer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function hasWindow(): boolean {
  return typeof window !== 'undefined' && typeof window.location !== 'undefined';
}

export function getSearch(): string {
  // Without a pending write the real URL is the truth (the shell's router may have pushed a
  // new page without telling us).
  if (pendingTimer === null || current === null) current = hasWindow() ? window.location.search : '';
  return current;
}

export function getServerSearch(): string {
  return '';
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function onExternalChange(): void {
  if (pendingTimer !== null) return; // our own write is still pending; it wins
  const next = hasWindow() ? window.location.search : '';
  if (next === current) return;
  current = next;
  notify();
}

export function subscribe(listener: () => void): () => void {
  if (listeners.size === 0 && hasWindow()) {
    window.addEventListener('popstate', onExternalChange);
    window.addEventListener(URL_CHANGE_EVENT, onExternalChange);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && hasWindow()) {
      window.removeEventListener('popstate', onExternalChange);
      window.removeEventListener(URL_CHANGE_EVENT, onExternalChange);
    }
  };
}

function flush(): void {
  pendingTimer = null;
  if (!hasWindow() || current === null || current === window.location.search) return;
  const url = `${window.location.pathname}${current}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
  window.dispatchEvent(new Event(URL_CHANGE_EVENT));
}

/** Replaces the query string (e.g. '?a.k=3' or ''), keeping path and hash. */
export function setSearch(next: string): void {
  if (next === getSearch()) return;
  current = next;
  if (pendingTimer !== null) clearTimeout(pendingTimer);
  pendingTimer = setTimeout(flush, WRITE_DELAY_MS);
  notify();
}

/** Applies an update to the latest query string (several widgets may write in one frame). */
export function updateSearch(update: (search: string) => string): void {
  setSearch(update(getSearch()));
}

/** True when the page was opened with `debug=1` (browser tests' hooks). */
export function isDebugPage(): boolean {
  return new URLSearchParams(getSearch()).get('debug') === '1';
}
