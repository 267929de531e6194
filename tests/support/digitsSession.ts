/**
 * What the tests of the 'ddm-digits' session share (tests/core/diffusion/digitModels.test.ts,
 * ddmDigitsSampler.test.ts): assets read from the repo's public/ folder, tfjs's wasm backend
 * started before the file's tests, and the session's snapshot typed with the fields they read.
 */
import path from 'node:path';
import { beforeAll } from 'vitest';
import { nodeAssetLoader } from '../../scripts/lab/run';
import type { DdmDigitsSession } from '../../src/core/diffusion/ddmDigitsDemo';
import type { SnapshotHint } from '../../src/core/demo';
import { useBackend } from './tf';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The book's assets as the tab fetches them, read from public/. */
export const loadAsset = nodeAssetLoader(repoRoot);

/** Starts the wasm backend before the file's tests (the first start compiles the binary: up to a minute here). */
export function useWasmBeforeAll(): void {
  beforeAll(async () => {
    await useBackend('wasm');
  }, 60_000);
}

/** A ddm-digits snapshot (DdmDigitsSession.computeSnapshot): 16 samples and their chains, intensities in [0, 1]. */
export interface DigitsSnap {
  side: number;
  model: string;
  T: number;
  sampler: string;
  /** network calls per sample */
  calls: number;
  samples: Float32Array;
  chain: Float32Array;
  chainT: Int32Array;
}

export async function digitsSnapshot(session: DdmDigitsSession, hint?: SnapshotHint): Promise<DigitsSnap> {
  return (await session.snapshot(hint)) as unknown as DigitsSnap;
}
