/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the book's service worker (src/sw/serviceWorker.ts) from the bundle, so the page's
 * Content-Security-Policy needs no inline registration script. main.tsx imports this module
 * lazily, after the page has loaded, so workbox-window is not in the initial bundle.
 *
 * Prompt mode: when a new deployment's worker is installed and waiting, the update store shows
 * the notice; the reader's "Reload" tells that worker to take over, and the page reloads once
 * it controls the page (handover.ts). Browsers look for a new worker on every navigation; an open page also
 * looks once an hour.
 */
import { registerSW } from 'virtual:pwa-register';
import { browserHandoverEnv, requestUpdate, resumeUpdate } from './handover';
import { setUpdateWaiting } from './updateStore';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator)) return;
  void resumeUpdate(browserHandoverEnv());
  registerSW({
    immediate: true,
    onNeedRefresh() {
      setUpdateWaiting(() => void requestUpdate(browserHandoverEnv()));
    },
    // The reload is ours (handover.ts), so the page reloads exactly once.
    onNeedReload() {},
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      // The book works without offline support (private windows, browsers that refuse workers).
      console.warn('Offline support is unavailable:', error);
    },
  });
}
