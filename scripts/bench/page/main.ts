/**
 * The bench page (not part of the book): `window.runBench(job)` runs one job in a fresh worker
 * and resolves with its reply. Driven by scripts/bench/benchPage.ts through playwright.
 */
import type { BenchJob, BenchReply } from './protocol';

declare global {
  interface Window {
    runBench(job: BenchJob): Promise<BenchReply>;
  }
}

window.runBench = (job) =>
  new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const finish = (reply: BenchReply) => {
      worker.terminate();
      resolve(reply);
    };
    worker.onmessage = (event: MessageEvent<BenchReply>) => finish(event.data);
    worker.onerror = (event) => finish({ ok: false, error: `worker error: ${event.message}` });
    worker.postMessage(job);
  });

document.body.dataset.ready = 'true';
