import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './shell/styles/index.css';
import { App } from './shell/App';
import { preloadForHydration } from './shell/preload';
import { installPrintStills } from './shell/printStills';

const root = document.getElementById('root')!;
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
if (root.hasAttribute('data-prerendered')) {
  // A page the build prerendered (scripts/site/prerender.ts): its text is on screen already; hydrate
  // it once its chunks are in. A mismatch React recovers from (by rendering that part afresh) is a
  // bug: say so on the console.
  void preloadForHydration(window.location.pathname).then(() =>
    hydrateRoot(root, app, {
      onRecoverableError: (error, info) => console.error('Hydration recovered from an error:', error, info.componentStack ?? ''),
    }),
  );
} else {
  // 404.html, or a build with BOOK_PRERENDER=0.
  createRoot(root).render(app);
}
installPrintStills();

// Offline support (README "Offline"): the service worker is registered from the bundle, after the
// page has loaded, and its registration code is a chunk of its own (not in the initial bundle).
// The dev server's registration is vite-plugin-pwa's no-op.
const registerOffline = () => void import('./shell/offline/register').then((m) => m.registerOfflineSupport());
if (document.readyState === 'complete') registerOffline();
else window.addEventListener('load', registerOffline, { once: true });
