/// <reference lib="webworker" />
/**
 * The training worker: a WorkerHost wired to `self`. Created by TrainingClient with
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import type { ToWorker } from './protocol';
import { WorkerHost } from './workerHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Site root (Vite's BASE_URL, e.g. "/" or "/book/"); assets are fetched relative to it. */
const siteRoot = new URL(import.meta.env.BASE_URL, scope.location.origin);

async function loadAsset(path: string): Promise<ArrayBuffer> {
  const url = new URL(path.replace(/^\/+/, ''), siteRoot);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

const host = new WorkerHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  backend: async () => (await import('./backend')).createBrowserBackend(),
  loadAsset,
});

scope.onmessage = (event: MessageEvent<ToWorker>) => void host.handle(event.data);

// Reported as `error` kind 'exception'. The error event is not cancelled: it also reaches the
// client's Worker 'error' handler, which restarts the worker from its last checkpoint.
scope.addEventListener('error', (event) =>
  host.reportUncaught((event.message || String(event.error)).replace(/^Uncaught /, '')),
);
scope.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? event.reason.message : String(event.reason);
  host.reportUncaught(reason);
});
