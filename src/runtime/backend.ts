/**
 * tfjs backends in the browser (inside the training worker): registration, the timing probe
 * and GPU-context loss. The worker imports this module lazily, only for demos that use tfjs;
 * WebGL and WebGPU are imported on first use, so a page on wasm never downloads them.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fallbackChain, probeBackends } from './backendChoice';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type BackendTimings } from './protocol';
import { threadBudget, threadsFor, withCores, withCoresReported } from './threads';
import { installWasmFlatCopy } from './wasmFlatCopy';
import { installWasmFusedMatMul } from './wasmFusedMatMul';
import { installWasmSlice } from './wasmSlice';
import { installWasmTranspose } from './wasmTranspose';
import type { BackendControl } from './hostBackend';

installWasmSlice();
installWasmFusedMatMul();
installWasmFlatCopy();
installWasmTranspose();

/**
 * Threads for this worker's wasm backend, decided once, before wasm first starts (tfjs reads the
 * flag and the count at initialisation): heavy demos on a cross-origin isolated page run tfjs's
 * threaded SIMD build with the page's thread budget, taking turns through a Web Lock
 * (src/runtime/threads.ts); everything else runs single-threaded SIMD. The threaded build works
 * minified thanks to scripts/site/wasmThreads.ts (tfjs issue #4107).
 */
let decidedThreads: number | null = null;

function decideThreads(heavy: boolean): number {
  if (decidedThreads === null) {
    const isolated = (self as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    decidedThreads = threadsFor(heavy, isolated, threadBudget(navigator.hardwareConcurrency));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', decidedThreads > 1);
    setThreadsCount(decidedThreads);
  }
  return decidedThreads;
}

/** The running wasm backend's thread count (XNNPACK's pool), or undefined on other backends. */
function activeWasmThreads(): number | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  try {
    return getThreadsCount();
  } catch {
    return undefined;
  }
}

// Vite fingerprints the three binaries; tfjs picks the one this browser supports.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

const register: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
    // Allow software WebGL (SwiftShader) too: the probe times it rather than assuming.
    tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  },
  wasm: async () => {},
  cpu: async () => {},
};

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown> };
}

/** WebGPU only where an adapter exists (tfjs would otherwise log a failed initialisation). */
async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as unknown as GpuNavigator).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

async function initBackend(name: BackendName): Promise<boolean> {
  if (name === 'webgpu' && !(await hasWebGpuAdapter())) return false;
  try {
    await register[name]();
    const start = async () => {
      const ok = await tf.setBackend(name);
      if (ok) await tf.ready();
      return ok;
    };
    const ok = name === 'wasm' ? await withCoresReported(navigator, decidedThreads ?? 1, start) : await start();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * One probe run, shaped like a small training step: a 128×128 matmul chain (arithmetic), a
 * dozen small element-wise ops and reductions (per-kernel overhead, where software WebGL is
 * slowest), one readback.
 */
async function probeWorkload(): Promise<void> {
  const out = tf.tidy(() => {
    let x: tf.Tensor = tf.randomUniform([128, 128], -1, 1, 'float32', 1);
    const w = tf.randomNormal([128, 128], 0, 0.1, 'float32', 2);
    for (let i = 0; i < 4; i++) x = tf.tanh(tf.matMul(x, w));
    let h: tf.Tensor = tf.matMul(x, tf.randomNormal([128, 64], 0, 0.1, 'float32', 3));
    for (let i = 0; i < 6; i++) h = tf.exp(tf.mul(tf.tanh(h), 0.5));
    return tf.mean(tf.sub(tf.logSumExp(h, 1), tf.max(h, 1)));
  });
  try {
    await out.data();
  } finally {
    out.dispose();
  }
}

interface WebGLHandle {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}
interface WebGPUHandle {
  device?: { lost: Promise<unknown>; destroy(): void };
}

function activeGl(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as unknown as WebGLHandle).gpgpu?.gl ?? null;
}

function activeGpuDevice(): WebGPUHandle['device'] | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as WebGPUHandle).device ?? null;
}

/** The browser's BackendControl for WorkerHost. */
export function createBrowserBackend(): BackendControl {
  let webgpuLost = false;
  return {
    async activate(choice: BackendChoice, exclude: readonly BackendName[], opts?: { threads?: boolean }) {
      decideThreads(opts?.threads === true);
      let probe: BackendTimings | undefined;
      let order: BackendName[];
      if (choice === 'auto') {
        const candidates = BACKEND_NAMES.filter((n) => !exclude.includes(n)).map((name) => ({
          name,
          init: () => initBackend(name),
          // GPU backends compile shaders on their first runs; wasm and cpu need one warm-up.
          warmups: name === 'webgpu' || name === 'webgl' ? 2 : 1,
        }));
        const result = await probeBackends({ candidates, workload: probeWorkload });
        probe = result.timings;
        order = fallbackChain(result.best, exclude);
      } else {
        order = fallbackChain(choice, exclude);
      }
      for (const name of order) {
        if (await initBackend(name)) {
          if (name === 'webgpu') webgpuLost = false;
          const threads = activeWasmThreads();
          return { backend: name, ...(probe ? { probe } : {}), ...(threads ? { threads } : {}) };
        }
      }
      throw new Error(`no tfjs backend could start (tried ${order.join(', ')})`);
    },

    shareCores<T>(fn: () => Promise<T>): Promise<T> {
      return withCores(navigator.locks, fn);
    },

    isLost() {
      const gl = activeGl();
      if (gl) return gl.isContextLost();
      return tf.getBackend() === 'webgpu' && webgpuLost;
    },

    watchLoss(onLost: () => void) {
      const gl = activeGl();
      const canvas = gl?.canvas;
      if (canvas) {
        canvas.addEventListener('webglcontextlost', onLost);
        return () => canvas.removeEventListener('webglcontextlost', onLost);
      }
      const device = activeGpuDevice();
      if (device) {
        let watching = true;
        void device.lost.then(() => {
          webgpuLost = true;
          if (watching) onLost();
        });
        return () => {
          watching = false;
        };
      }
      return () => {};
    },

    loseContext() {
      const gl = activeGl();
      if (gl) {
        const ext = gl.getExtension('WEBGL_lose_context');
        ext?.loseContext();
        return ext !== null;
      }
      const device = activeGpuDevice();
      if (device) {
        device.destroy();
        return true;
      }
      return false;
    },
  };
}
