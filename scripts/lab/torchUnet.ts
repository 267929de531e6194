/**
 * The U-Net's noise predictor evaluated by its PyTorch twin (scripts/weights/ddm_unet_torch.py
 * `serve`), for the book's own samplers: scripts/yardstickNumbers.ts draws the U-Net's 2,000-chain
 * sample sets with this predictor because tfjs's wasm convolutions here would take hours for them
 * (the sampler, its random numbers and the clipping are the book's; only ε_θ runs in PyTorch).
 * tests/core/diffusion/unetDenoiser.test.ts checks that the two networks agree, and
 * tests/core/diffusion/yardstickUnet.test.ts redraws the first chains of each set with tfjs.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { EpsPredictor } from '../../src/core/diffusion/epsilon';
import { torchMissing, torchPython } from './weights/torchEngine';

const D = 784;

export interface TorchPredictor {
  predict: EpsPredictor;
  dispose(): void;
}

/** Starts the torch process on a weights file. */
export function torchUnetPredictor(root: string, weightsFile: string, threads = 2): TorchPredictor {
  const python = torchPython();
  const missing = torchMissing(python);
  if (missing) throw new Error(missing);
  const script = path.join(root, 'scripts/weights/ddm_unet_torch.py');
  const child: ChildProcessWithoutNullStreams = spawn(python, [script, 'serve', weightsFile, String(threads)], {
    env: { ...process.env, OPENBLAS_CORETYPE: 'SkylakeX' },
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let pending: { want: number; chunks: Buffer[]; got: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  child.stdout.on('data', (b: Buffer) => {
    if (!pending) return;
    pending.chunks.push(b);
    pending.got += b.length;
    if (pending.got >= pending.want) {
      const done = pending;
      pending = null;
      done.resolve(Buffer.concat(done.chunks, done.got));
    }
  });
  child.on('close', (code) => {
    if (pending) pending.reject(new Error(`ddm_unet_torch.py serve exited with ${code}: ${stderr.slice(-2000)}`));
    pending = null;
  });

  const predict: EpsPredictor = (xt, t, n) =>
    new Promise<Float64Array>((resolve, reject) => {
      if (pending) return reject(new Error('torchUnetPredictor: one request at a time'));
      const head = Buffer.alloc(8);
      head.writeInt32LE(n, 0);
      head.writeInt32LE(t, 4);
      const body = Buffer.from(Float32Array.from(xt).buffer);
      pending = {
        want: 4 * n * D,
        chunks: [],
        got: 0,
        resolve: (b) => {
          const f = new Float32Array(b.buffer, b.byteOffset, n * D);
          resolve(Float64Array.from(f));
        },
        reject,
      };
      child.stdin.write(Buffer.concat([head, body]));
    });
  return { predict, dispose: () => child.stdin.end() };
}
