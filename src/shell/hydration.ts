/**
 * Prerendered pages (scripts/site/prerender.ts) are hydrated: the browser's first render must
 * produce exactly the HTML the build wrote. Anything that depends on the browser (a live widget,
 * the window, the time) waits for `useHydrated()`: false on the server and while hydrating,
 * true on the render right after, and on every render of a page that was not prerendered.
 */
import { useSyncExternalStore } from 'react';

const subscribeNever = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
