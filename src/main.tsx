import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './shell/styles/index.css';
import { App } from './shell/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline support (README "Offline"): the service worker is registered from the bundle, after the
// page has loaded, and its registration code is a chunk of its own (not in the initial bundle).
// The dev server's registration is vite-plugin-pwa's no-op.
const registerOffline = () => void import('./shell/offline/register').then((m) => m.registerOfflineSupport());
if (document.readyState === 'complete') registerOffline();
else window.addEventListener('load', registerOffline, { once: true });
