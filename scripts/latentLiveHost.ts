/**
 * The 'ddm-latent' widget's live run without a page (scripts/latentLiveTraining.ts --host): the
 * registered demo in the book's worker host (src/runtime/workerHost.ts) on Node's wasm backend,
 * autoplay with snapshots on and no speed cap, as the widget runs it, until the step budget is
 * spent. The session's step, snapshot and checkpoint are timed where the host calls them.
 */
import latentDemo, { type DdmLatentParams, type DdmLatentSession } from '../src/core/diffusion/latentDemo';
import type { DemoDefinition, Plain, TrainingSession } from '../src/core/demo';
import type { ParamValues } from '../src/core/params';
import type { FromWorker } from '../src/runtime/protocol';
import { WorkerHost } from '../src/runtime/workerHost';
import { nodeBackendControl } from '../tests/runtime/support/nodeBackends';

export interface HostRunResult {
  /** the finished session (the host still holds it until dispose) */
  session: DdmLatentSession;
  steps: number;
  /** wall time from 'ready' to status 'done' */
  wallMs: number;
  /** wall time from 'start' to 'ready' (loading, encoding the training digits) */
  createMs: number;
  stepMs: number;
  medianStepMs: number;
  /** snapshot() calls that computed a fresh snapshot (not the throttle's last one), and their time */
  snapshotsComputed: number;
  snapshotMs: number;
  snapshotsPosted: number;
  checkpoints: number;
  checkpointMs: number;
  dispose(): void;
}

/** Times each call of `fn` into `times`. */
function timed<A extends unknown[], R>(fn: (...a: A) => R | Promise<R>, times: number[]): (...a: A) => Promise<R> {
  return async (...a: A) => {
    const t0 = performance.now();
    const out = await fn(...a);
    times.push(performance.now() - t0);
    return out;
  };
}

export async function hostRun(params: ParamValues<DdmLatentParams>, seed: number, loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<HostRunResult> {
  const stepTimes: number[] = [];
  const snapTimes: number[] = [];
  const cpTimes: number[] = [];
  let session: DdmLatentSession | null = null;
  let snapshotsComputed = 0;
  const def: DemoDefinition = {
    ...(latentDemo as unknown as DemoDefinition),
    async create(ctx) {
      const s = (await latentDemo.create(ctx as never)) as DdmLatentSession;
      session = s;
      let lastSamples: Plain | null = null;
      const snapshot = s.snapshot.bind(s);
      s.step = timed(s.step.bind(s), stepTimes);
      s.checkpoint = timed(s.checkpoint.bind(s), cpTimes);
      s.snapshot = async (hint) => {
        const t0 = performance.now();
        const out = (await snapshot(hint)) as unknown as { samples: Plain };
        // the throttle hands back the same object until it computes a fresh one
        if (out.samples !== lastSamples) {
          snapshotsComputed++;
          snapTimes.push(performance.now() - t0);
          lastSamples = out.samples;
        }
        return out as unknown as Plain;
      };
      return s as unknown as TrainingSession;
    },
  };
  let readyAt = 0;
  let doneAt = 0;
  let posted = 0;
  let error: string | null = null;
  const host = new WorkerHost({
    post: (m: FromWorker) => {
      if (m.type === 'ready') readyAt = performance.now();
      else if (m.type === 'snapshot') posted++;
      else if (m.type === 'status' && m.status === 'done') doneAt = performance.now();
      else if (m.type === 'error') error = m.message;
    },
    loadDemo: async () => def,
    backend: async () => nodeBackendControl(),
    loadAsset,
  });
  const t0 = performance.now();
  await host.handle({ type: 'start', runId: 1, demo: def.id, params, seed, backend: 'wasm', speed: null, autoplay: true, snapshots: true });
  while (doneAt === 0) {
    if (error) throw new Error(error);
    await new Promise((r) => setTimeout(r, 5));
  }
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const sorted = [...stepTimes].sort((a, b) => a - b);
  return {
    session: session!,
    steps: stepTimes.length,
    wallMs: doneAt - readyAt,
    createMs: readyAt - t0,
    stepMs: sum(stepTimes),
    medianStepMs: sorted[Math.floor(sorted.length / 2)],
    snapshotsComputed,
    snapshotMs: sum(snapTimes),
    snapshotsPosted: posted,
    checkpoints: cpTimes.length,
    checkpointMs: sum(cpTimes),
    dispose: () => host.dispose(),
  };
}
