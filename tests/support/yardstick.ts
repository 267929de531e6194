/**
 * The setup that the yardstick table's tests share (tests/core/diffusion/yardstickNumbers.test.ts,
 * yardstickUnet.test.ts): the repository root, its asset loader, the stored table, and the shipped
 * yardstick (src/core/metrics/yardstick.ts) loaded on wasm before the file's tests and disposed after.
 */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { nodeAssetLoader } from '../../scripts/lab/run';
import { yardstickNumbers } from '../../src/core/diffusion/yardstickNumbers';
import { loadYardstick, type Yardstick } from '../../src/core/metrics/yardstick';
import { useBackend } from './tf';

export const root = path.resolve(import.meta.dirname, '../..');
export const load = nodeAssetLoader(root);
export const stored = yardstickNumbers();

/**
 * Registers the file's beforeAll (wasm, the shipped classifier and the held-out digits' features)
 * and afterAll (dispose). Call once at the top level of a test file. @returns the loaded yardstick,
 * inside a test
 */
export function useYardstick(): () => Yardstick {
  let yardstick: Yardstick | undefined;
  beforeAll(async () => {
    await useBackend('wasm');
    yardstick = await loadYardstick(load);
  }, 120_000);
  afterAll(() => yardstick?.dispose());
  return () => {
    if (!yardstick) throw new Error('useYardstick: the yardstick is loaded in beforeAll; call it inside a test');
    return yardstick;
  };
}
