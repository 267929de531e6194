/**
 * Whether a new deployment's service worker is waiting, as an external store for React
 * (useSyncExternalStore). src/shell/offline/register.ts writes it; UpdateNotice reads it. Kept
 * apart from the registration so the shell (and its tests) never import the service-worker code.
 */
import { useSyncExternalStore } from 'react';

export interface UpdateState {
  /** Activates the waiting worker and reloads the page; null while nothing is waiting. */
  apply: (() => void) | null;
}

let state: UpdateState = { apply: null };
const listeners = new Set<() => void>();

export function setUpdateWaiting(apply: (() => void) | null): void {
  state = { apply };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
