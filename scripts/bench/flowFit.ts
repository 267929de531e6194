/**
 * Coupling-flow fit speed in Node on the wasm backend: steps per second of demo 'vi-2d-fit'
 * (flow, 6 layers of 16 hidden units, 64 draws per step, banana target; the whole step: draws,
 * forward, log-det, backward, Adam, ELBO readback), and the ms per snapshot (grid log q + draws).
 */
import { useBackend } from '../../tests/support/tf';
import { loadDemo } from '../../src/core/registry';
import { defaultParams } from '../../src/core/params';
import type { BenchEntry, BenchResult } from './types';

export async function measureFlowFit(steps = 300): Promise<BenchResult> {
  await useBackend('wasm');
  // tfjs-core's gradients: the CommonJS umbrella registers them in Node (the ESM subpath cannot load there).
  await import('@tensorflow/tfjs');
  const demo = await loadDemo('vi-2d-fit');
  const session = await demo.create({ params: defaultParams(demo.params), seed: 1 });
  for (let i = 0; i < 20; i++) await session.step();
  const t0 = performance.now();
  let elbo = 0;
  for (let i = 0; i < steps; i++) elbo = (await session.step()).elbo;
  const stepMs = (performance.now() - t0) / steps;
  const s0 = performance.now();
  for (let i = 0; i < 5; i++) await session.snapshot();
  const snapshotMs = (performance.now() - s0) / 5;
  session.dispose();
  return { flow_steps_per_s: 1000 / stepMs, flow_step_ms: stepMs, flow_snapshot_ms: snapshotMs, flow_elbo_after: elbo };
}

export const flowFit: BenchEntry = { name: 'flowFit', run: () => measureFlowFit() };
