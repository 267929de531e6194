/**
 * The VAE demo as the book's training worker runs it: a WorkerHost (src/runtime/workerHost.ts)
 * driving the registered 'vae' demo from scratch, with progress, checkpoints, per-epoch held-out
 * evaluation and (optionally) snapshots, but no page to draw them. ms per step from the host's
 * progress messages: between the bare trainer step and the widget's end-to-end rate, it shows
 * what the worker's own bookkeeping costs.
 */
import { defaultParams } from '../../../src/core/params';
import { vaeParams } from '../../../src/core/vae/vaeParams';
import { createBrowserBackend } from '../../../src/runtime/backend';
import type { BackendChoice, FromWorker } from '../../../src/runtime/protocol';
import { WorkerHost } from '../../../src/runtime/workerHost';
import type { BenchResult } from '../types';

async function hostRate(backend: BackendChoice, loadAsset: (p: string) => Promise<ArrayBuffer>, snapshots: boolean, seconds: number): Promise<{ msPerStep: number; snapshots: number }> {
  let step = 0;
  let snapshotCount = 0;
  let error: string | null = null;
  let ready = false;
  const host = new WorkerHost({
    post: (m: FromWorker) => {
      if (m.type === 'progress') step = m.step;
      else if (m.type === 'snapshot') snapshotCount++;
      else if (m.type === 'ready') ready = true;
      else if (m.type === 'error') error = m.message;
    },
    backend: async () => createBrowserBackend(),
    loadAsset,
  });
  const params = { ...defaultParams(vaeParams), start: 'scratch' };
  await host.handle({ type: 'start', runId: 1, demo: 'vae', params, seed: 1, backend, speed: null, autoplay: true, snapshots });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  while (!ready || step < 3) {
    if (error) throw new Error(error);
    await sleep(20);
  }
  const [s0, t0, n0] = [step, performance.now(), snapshotCount];
  await sleep(seconds * 1000);
  const [s1, t1, n1] = [step, performance.now(), snapshotCount];
  await host.handle({ type: 'stop' });
  if (error) throw new Error(error);
  return { msPerStep: (t1 - t0) / Math.max(1, s1 - s0), snapshots: n1 - n0 };
}

export async function vaeHostJob(backend: BackendChoice, loadAsset: (p: string) => Promise<ArrayBuffer>, seconds = 5): Promise<BenchResult> {
  const off = await hostRate(backend, loadAsset, false, seconds);
  const on = await hostRate(backend, loadAsset, true, seconds);
  return { host_ms_per_step: on.msPerStep, host_snapshots_per_s: on.snapshots / seconds, host_no_snapshots_ms_per_step: off.msPerStep };
}
