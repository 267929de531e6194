/**
 * The PyTorch reference of the U-Net noise predictor (scripts/weights/ddm_unet_torch.py) for the
 * tfjs port's tests: a python3 with torch (or null: CI has none, and those tests skip), its
 * subcommands run on files in a fresh temporary directory, and random weights files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unetTensorShapes, type UnetConfig } from '../../src/core/diffusion/unetDenoiser';
import { encodeUnetModel } from '../../src/core/diffusion/unetWeights';
import type { Rng } from '../../src/core/random';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const UNET_TORCH_SCRIPT = path.join(repoRoot, 'scripts/weights/ddm_unet_torch.py');
const python = process.env.TORCH_REF_PYTHON ?? '/usr/bin/python3';

/** The python3 that has torch and NumPy, or null. */
export const torchPython: string | null = spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0 ? python : null;

export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Runs the torch script with these arguments and returns its stdout (OpenBLAS told the CPU, as this machine needs). */
export function runUnetTorch(args: string[]): string {
  if (!torchPython) throw new Error('runUnetTorch: no python3 with torch');
  return execFileSync(torchPython, [UNET_TORCH_SCRIPT, ...args], {
    env: { ...process.env, OPENBLAS_CORETYPE: 'SkylakeX' },
    maxBuffer: 1 << 28,
  }).toString();
}

/**
 * A weights file with every tensor random (γ near 1, β and biases near 0, weights on ±√(3/fan_in)),
 * so that every part of the network shapes the output. @returns its path and its tensors
 */
export function randomUnetFile(dir: string, config: UnetConfig, T: number, rng: Rng): { file: string; tensors: Float32Array[] } {
  const tensors = unetTensorShapes(config).map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const [centre, half] = name.endsWith('gamma') ? [1, 0.3] : name.endsWith('weight') ? [0, Math.sqrt(3 / fanIn)] : [0, 0.2];
    return Float32Array.from({ length: size }, () => centre + half * (2 * rng.uniform() - 1));
  });
  const file = path.join(dir, 'unet.safetensors');
  writeFileSync(file, encodeUnetModel({ config, tensors, meta: { T, schedule: 'cosine', steps: 0, batch: 0, engine: 'test' } }, 'F32'));
  return { file, tensors };
}
