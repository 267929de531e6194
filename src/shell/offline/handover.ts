/**
 * The reader's "Reload" after a new deployment: the waiting service worker takes over and the
 * page reloads into the new version.
 *
 * A waiting worker activates only once the active one has no work left (open fetch events),
 * and the browser tests saw a chapter page whose widgets keep the active worker busy for
 * minutes after the click (README "Offline"). So the click asks the waiting worker to take over
 * and reloads on `controllerchange`; if that has not happened within FALLBACK_MS it reloads
 * anyway, which ends the page's own requests. The request is remembered in sessionStorage: a
 * page that loads while the new worker still waits asks again and reloads once it takes over,
 * and a page that loads under the new worker forgets the request.
 */
export const UPDATE_REQUESTED_KEY = 'book:update-requested';
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

/** The notice's Reload. */
export async function requestUpdate(env: HandoverEnv): Promise<void> {
  env.storage.setItem(UPDATE_REQUESTED_KEY, '1');
  let reloaded = false;
  const reloadOnce = () => {
    if (reloaded) return;
    reloaded = true;
    env.reload();
  };
  env.onControllerChange(reloadOnce);
  (await env.waiting())?.postMessage(SKIP_WAITING);
  env.after(FALLBACK_MS, reloadOnce);
}

/** On every page load: finish a hand-over the reader asked for on an earlier page. */
export async function resumeUpdate(env: HandoverEnv): Promise<void> {
  if (env.storage.getItem(UPDATE_REQUESTED_KEY) === null) return;
  const waiting = await env.waiting();
  if (!waiting) {
    env.storage.removeItem(UPDATE_REQUESTED_KEY);
    return;
  }
  env.onControllerChange(() => env.reload());
  waiting.postMessage(SKIP_WAITING);
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
