/**
 * The reader's "Reload" after a new deployment: the waiting service worker takes over and the
 * page reloads into the new version.
 *
 * A waiting worker activates only once the active one has no work left (open fetch events),
 * and the browser tests saw a chapter page whose widgets keep the active worker busy for
 * minutes after the click (README "Offline"). So the click asks the waiting worker to take over
 * and reloads on `controllerchange`; if that has not happened within FALLBACK_MS it reloads
 * anyway, which ends the page's own requests. The request is remembered in sessionStorage, so
 * the page that loads next finishes the hand-over (resumeUpdate) and the one after forgets it.
 */
export const UPDATE_REQUESTED_KEY = 'book:update-requested';
/** The stored request: asked (the new worker may still wait), or taken over (it controls the page). */
export const ASKED = 'asked';
export const TAKEN_OVER = 'taken-over';
export const FALLBACK_MS = 5000;
const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

export interface HandoverEnv {
  /** The registration's waiting worker, if any. */
  waiting(): Promise<Pick<ServiceWorker, 'postMessage'> | null | undefined>;
  onControllerChange(listener: () => void): void;
  reload(): void;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  after(ms: number, fn: () => void): void;
}

/** Reloads once: into the new worker's page when it has taken over, or anyway (fallback). */
function reloader(env: HandoverEnv) {
  let done = false;
  return (takenOver: boolean) => {
    if (done) return;
    done = true;
    if (takenOver) env.storage.setItem(UPDATE_REQUESTED_KEY, TAKEN_OVER);
    env.reload();
  };
}

/** The notice's Reload. */
export async function requestUpdate(env: HandoverEnv): Promise<void> {
  env.storage.setItem(UPDATE_REQUESTED_KEY, ASKED);
  const reload = reloader(env);
  env.onControllerChange(() => reload(true));
  (await env.waiting())?.postMessage(SKIP_WAITING);
  env.after(FALLBACK_MS, () => reload(false));
}

/**
 * On every page load: finish a hand-over the reader asked for on an earlier page. After a
 * fallback reload the page may have come from the old worker, and the new one may have taken
 * over before this code runs (it loads after the page): with nothing waiting any more, one more
 * reload is the only way to be sure the page comes from the new worker.
 */
export async function resumeUpdate(env: HandoverEnv): Promise<void> {
  const state = env.storage.getItem(UPDATE_REQUESTED_KEY);
  if (state === null) return;
  if (state === TAKEN_OVER) {
    env.storage.removeItem(UPDATE_REQUESTED_KEY);
    return;
  }
  const reload = reloader(env);
  env.onControllerChange(() => reload(true));
  const waiting = await env.waiting();
  if (waiting) waiting.postMessage(SKIP_WAITING);
  else reload(true);
}

/** The browser's own service-worker container, window and session storage. */
export function browserHandoverEnv(): HandoverEnv {
  return {
    waiting: async () => (await navigator.serviceWorker.getRegistration())?.waiting,
    onControllerChange: (listener) => navigator.serviceWorker.addEventListener('controllerchange', listener, { once: true }),
    reload: () => window.location.reload(),
    storage: window.sessionStorage,
    after: (ms, fn) => void window.setTimeout(fn, ms),
  };
}
