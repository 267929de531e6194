/**
 * tfjs in Node for tests and the CLI: the wasm backend (tfjs-node needs a native download that
 * is unavailable here) or the pure-JS cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'wasm' | 'cpu';

export async function useBackend(name: NodeBackend = 'wasm'): Promise<typeof tf> {
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise in Node`);
  }
  await tf.ready();
  return tf;
}
