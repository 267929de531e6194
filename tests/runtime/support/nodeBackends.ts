/**
 * BackendControls for WorkerHost in Node. `nodeBackendControl` switches between the real wasm
 * and cpu backends. `losableBackendControl` adds a stand-in 'webgl': the cpu kernels under
 * that name, on a backend whose context can be "lost" (after which reads never resolve, as
 * with a real lost WebGL context).
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendChoice, BackendName } from '../../../src/runtime/protocol';
import { fallbackChain } from '../../../src/runtime/backendChoice';
import type { BackendControl } from '../../../src/runtime/workerHost';
import { useBackend } from '../../support/tf';

const NODE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

async function activateIn(
  available: readonly BackendName[],
  choice: BackendChoice,
  exclude: readonly BackendName[],
): Promise<{ backend: BackendName }> {
  const order = choice === 'auto' ? available.filter((n) => !exclude.includes(n)) : fallbackChain(choice, exclude);
  for (const name of order) {
    if (!available.includes(name)) continue;
    if (name === 'wasm' || name === 'cpu') await useBackend(name);
    else if (!(await tf.setBackend(name))) continue;
    return { backend: name };
  }
  throw new Error(`no backend among ${order.join(', ')}`);
}

export function nodeBackendControl(): BackendControl {
  return {
    activate: (choice, exclude) => activateIn(NODE_BACKENDS, choice, exclude),
    isLost: () => false,
    watchLoss: () => () => {},
    loseContext: () => false,
  };
}

class LosableCpuBackend extends MathBackendCPU {
  lost = false;
  override read(dataId: object) {
    // A read on a lost WebGL context polls its fence forever.
    return this.lost ? new Promise<never>(() => {}) : super.read(dataId);
  }
}

export interface LosableBackendControl extends BackendControl {
  /** Loses the context without firing the loss event (only `isLost()` tells). */
  loseSilently(): void;
  readonly instances: number;
}

let kernelsCopied = false;

/** (Re-)registers the stand-in 'webgl', so each control starts with a fresh context. */
export function losableBackendControl(): LosableBackendControl {
  let current: LosableCpuBackend | null = null;
  let instances = 0;
  const listeners = new Set<() => void>();
  if (!kernelsCopied) {
    for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'webgl' });
    kernelsCopied = true;
  }
  if (tf.findBackendFactory('webgl')) tf.removeBackend('webgl');
  tf.registerBackend('webgl', () => {
    instances++;
    current = new LosableCpuBackend();
    return current;
  }, 0);
  const lose = () => {
    if (current) current.lost = true;
  };
  return {
    activate: (choice, exclude) => activateIn(['webgl', ...NODE_BACKENDS], choice, exclude),
    isLost: () => tf.getBackend() === 'webgl' && current?.lost === true,
    watchLoss(onLost) {
      listeners.add(onLost);
      return () => listeners.delete(onLost);
    },
    loseContext() {
      if (tf.getBackend() !== 'webgl') return false;
      lose();
      for (const l of [...listeners]) queueMicrotask(l); // the browser fires the event later
      return true;
    },
    loseSilently: lose,
    get instances() {
      return instances;
    },
  };
}
