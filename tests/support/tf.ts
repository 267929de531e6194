/**
 * tfjs in Node for tests and the CLI: the wasm backend (tfjs-node needs a native download that
 * is unavailable here) or the pure-JS cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmFlatCopy } from '../../src/runtime/wasmFlatCopy';
import { installWasmFusedMatMul } from '../../src/runtime/wasmFusedMatMul';
import { installWasmSlice } from '../../src/runtime/wasmSlice';
import { installWasmTranspose } from '../../src/runtime/wasmTranspose';

installWasmSlice();
installWasmFusedMatMul();
installWasmFlatCopy();
installWasmTranspose();

export type NodeBackend = 'wasm' | 'cpu';

export async function useBackend(name: NodeBackend = 'wasm'): Promise<typeof tf> {
  // tfjs-core keeps op gradients in a separate module that Node's ESM loader cannot import
  // (directory imports); the CommonJS bundle of '@tensorflow/tfjs' registers them into the same core.
  if (!tf.getGradient('Neg')) await import('@tensorflow/tfjs');
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise in Node`);
  }
  await tf.ready();
  return tf;
}
