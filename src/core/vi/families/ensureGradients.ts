/**
 * tfjs-core registers the gradients of its ops separately from the ops. The browser build loads
 * them with a dynamic import; Node's ESM loader (tsx, the CLI) cannot load tfjs-core's ESM
 * subpaths, so there the host must have imported '@tensorflow/tfjs' (whose CommonJS bundle
 * registers them) before training.
 */
import * as tf from '@tensorflow/tfjs-core';

let pending: Promise<void> | null = null;

export function ensureGradients(): Promise<void> {
  if (tf.getGradient('Neg')) return Promise.resolve();
  pending ??= import('@tensorflow/tfjs-core/dist/register_all_gradients').then(
    () => undefined,
    () => undefined,
  );
  return pending.then(() => {
    if (!tf.getGradient('Neg')) {
      throw new Error("tfjs gradients are not registered: in Node, import '@tensorflow/tfjs' before training");
    }
  });
}
