/// <reference lib="webworker" />
/**
 * The bench worker: a Web Worker like the book's training worker, with the same backend module
 * (src/runtime/backend.ts: the same registration, wasm binaries and 'auto' probe), that runs one
 * bench job and replies once.
 */
import { createBrowserBackend } from '../../../src/runtime/backend';
import { latentJob } from '../latentJob';
import { ddmJob, vaeKernelProfile, vaeStepJob, vaeTrajectoryJob } from '../modelJobs';
import { unetJob } from '../unetJob';
import type { BenchResult } from '../types';
import { vaeHostJob } from './hostJob';
import type { BenchJob, BenchReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The tfjs wasm binary this worker fetched, if any (which of plain, SIMD, threaded SIMD). */
function fetchedWasmBinary(): string | null {
  const hit = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .find((name) => name.endsWith('.wasm'));
  return hit ? hit.slice(hit.lastIndexOf('/') + 1) : null;
}

async function run(job: BenchJob): Promise<BenchReply> {
  const { backend, probe, threads } = await createBrowserBackend().activate(job.backend, [], { threads: job.threads === true });
  if (job.backend !== 'auto' && backend !== job.backend) {
    return { ok: false, backend, error: `${job.backend} did not start (the book would fall back to ${backend})` };
  }
  const loadAsset = async (path: string) => {
    const response = await fetch(new URL(path.replace(/^\/+/, ''), job.assetBase));
    if (!response.ok) throw new Error(`could not load ${path} (HTTP ${response.status})`);
    return response.arrayBuffer();
  };
  const jobs: Record<BenchJob['model'], () => Promise<BenchResult>> = {
    vae: () => vaeStepJob(loadAsset, job.budget),
    ddm: () => ddmJob(job.budget),
    latent: () => latentJob(loadAsset, job.budget),
    unet: () => unetJob(loadAsset, job.budget),
    'vae-profile': () => vaeKernelProfile(loadAsset),
    'vae-host': () => vaeHostJob(backend, loadAsset),
    'vae-trajectory': () => vaeTrajectoryJob(loadAsset),
  };
  const result = await jobs[job.model]();
  return {
    ok: true,
    backend,
    result,
    wasmBinary: fetchedWasmBinary(),
    crossOriginIsolated: scope.crossOriginIsolated,
    ...(threads ? { threads } : {}),
    ...(probe ? { probe: probe as Record<string, number | null> } : {}),
  };
}

scope.onmessage = (event: MessageEvent<BenchJob>) => {
  run(event.data).then(
    (reply) => scope.postMessage(reply),
    (err: unknown) => scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies BenchReply),
  );
};
