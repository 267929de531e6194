/**
 * A bench entry for a model job measured twice: in Node on the wasm backend (rows node_wasm_*, or
 * node_wasm_error) and in the bench page's worker (the browser_* rows of ./browserJobs.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../../tests/support/tf';
import { nodeAssetLoader } from '../lab/run';
import { errorCell } from './browserJobs';
import type { AssetLoader } from '../../src/core/vae/data';
import type { BenchContext, BenchEntry, BenchResult } from './types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function nodeWasmAndBrowserEntry(
  name: string,
  nodeJob: (loadAsset: AssetLoader) => Promise<BenchResult>,
  browserRows: (ctx: BenchContext) => Promise<BenchResult>,
): BenchEntry {
  return {
    name,
    async run(ctx: BenchContext) {
      const out: BenchResult = {};
      try {
        await useBackend('wasm');
        for (const [k, v] of Object.entries(await nodeJob(nodeAssetLoader(root)))) out[`node_wasm_${k}`] = v;
      } catch (err) {
        out.node_wasm_error = errorCell(err);
      }
      Object.assign(out, await browserRows(ctx));
      return out;
    },
  };
}
