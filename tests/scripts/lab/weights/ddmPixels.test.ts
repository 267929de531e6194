/**
 * `make-weights ddm-digits --engine torch`: scripts/weights/ddm_pixels_torch.py through the torch
 * engine (../../../../scripts/lab/weights/torchEngine.ts), where torch is installed. A 2-step run
 * writes the residual MLP's file (kind, tensor names, metadata) and a checkpoint; a run to step 3
 * resumes from it (network, Adam state, weight average and torch's generator: even under another
 * --seed it equals an uninterrupted 3-step run with the first seed, which another seed does not).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTorchTrainer, torchMissing, torchPython } from '../../../../scripts/lab/weights/torchEngine';
import { decodeSafetensors } from '../../../../src/core/weights/safetensors';

const root = path.resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'ddm-pixels-'));
const hasTorch = torchMissing(torchPython()) === null;

describe.skipIf(!hasTorch)('make-weights ddm-digits --engine torch', () => {
  const train = (name: string, args: string[]) =>
    runTorchTrainer({
      root,
      script: 'scripts/weights/ddm_pixels_torch.py',
      out: path.join(dir, `${name}.safetensors`),
      ckpt: path.join(dir, `${name}.ckpt.pt`),
      args: [...args, '--width', '32', '--blocks', '1', '--batch', '4', '--T', '50', '--lr', '0.01', '--save-every', '1', '--threads', '1'],
      pass: ['steps', 'seed', 'width', 'blocks', 'batch', 'lr', 'T', 'save-every', 'threads'],
    });
  const weights = (name: string) => decodeSafetensors(readFileSync(path.join(dir, `${name}.safetensors`)), 'ddm-res-denoiser');
  const all = (doc: ReturnType<typeof weights>) => doc.tensors.map((t) => Array.from(t.data));

  it('writes the file and a checkpoint, and a resumed run equals an uninterrupted one', async () => {
    await train('run', ['--steps', '2', '--fresh']);
    const first = weights('run');
    expect(first.meta).toMatchObject({ steps: 2, seed: 1, width: 32, blocks: 1, batch: 4, T: 50, dim: 784, embedDim: 64 });
    expect(first.tensors.map((t) => t.name)).toEqual([
      'in.weight', 'in.bias', 'block.0.fc1.weight', 'block.0.fc1.bias', 'block.0.time.weight', 'block.0.fc2.weight', 'block.0.fc2.bias',
      'out.weight', 'out.bias', 'skip.mean', 'skip.eigenvalues', 'skip.eigenvectors',
    ]);
    expect(first.tensors[0].shape).toEqual([784 + 64, 32]);
    expect(existsSync(path.join(dir, 'run.ckpt.pt'))).toBe(true);
    await train('run', ['--steps', '3', '--seed', '2']);
    expect(weights('run').meta).toMatchObject({ steps: 3, seed: 2 });
    await train('straight', ['--steps', '3', '--fresh']);
    expect(all(weights('run'))).toEqual(all(weights('straight')));
    await train('other', ['--steps', '3', '--fresh', '--seed', '2']);
    expect(all(weights('other'))).not.toEqual(all(weights('straight')));
  }, 240_000);
});
