/**
 * `npm run lab -- make-weights ddm-unet` and the torch engine it shares with `make-weights
 * ddm-digits --engine torch`: the trainer's command line carries exactly the flags given, an
 * interpreter without torch is refused with a message naming what to install, and (where torch is
 * installed) a 2-step run writes a U-Net weights file whose metadata records the flags, and a second
 * run resumes from its checkpoint; --init continues from a weights file and records where it began.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDdmUnetWeights, UNET_TRAINER_FLAGS } from '../../../../scripts/lab/weights/ddmUnet';
import { torchArgv, torchMissing, torchPython } from '../../../../scripts/lab/weights/torchEngine';
import { unetModelFacts } from '../../../../src/core/diffusion/unetWeights';
import { decodeSafetensors } from '../../../../src/core/weights/safetensors';

const dir = mkdtempSync(path.join(tmpdir(), 'ddm-unet-'));
const saved = process.env.TORCH_REF_PYTHON;
afterEach(() => {
  if (saved === undefined) delete process.env.TORCH_REF_PYTHON;
  else process.env.TORCH_REF_PYTHON = saved;
});

describe('torchArgv', () => {
  const base = { script: 's.py', data: 'd.f32', out: 'o.safetensors', ckpt: 'c.pt', pass: UNET_TRAINER_FLAGS };
  it('passes on the flags given, in the table’s order, and --fresh; leaves the rest to the script’s defaults', () => {
    const argv = torchArgv({ ...base, args: ['--lr', '2e-4', '--fresh', '--steps', '2', '--channels', '16', '--save-every', '1', '--unknown', '5'] });
    expect(argv).toEqual(['s.py', '--data', 'd.f32', '--out', 'o.safetensors', '--ckpt', 'c.pt', '--steps', '2', '--channels', '16', '--lr', '2e-4', '--save-every', '1', '--fresh']);
    expect(torchArgv({ ...base, args: [] })).toEqual(['s.py', '--data', 'd.f32', '--out', 'o.safetensors', '--ckpt', 'c.pt']);
  });
  it('refuses a flag without its value', () => {
    expect(() => torchArgv({ ...base, args: ['--steps', '--fresh'] })).toThrow(/--steps needs a value/);
    expect(() => torchArgv({ ...base, args: ['--batch'] })).toThrow(/--batch needs a value/);
  });
});

describe('an interpreter without torch', () => {
  it('is named, with what to install', () => {
    const fake = path.join(dir, 'python-without-torch');
    writeFileSync(fake, '#!/bin/sh\necho "ModuleNotFoundError: No module named torch" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    expect(torchMissing(fake)).toMatch(/cannot import torch.*apt-get install python3-torch.*TORCH_REF_PYTHON/);
    expect(torchMissing(path.join(dir, 'no-such-python'))).toMatch(/does not run \(ENOENT\).*python3-torch/);
  });
  it('stops make-weights ddm-unet before any training, with that message', async () => {
    process.env.TORCH_REF_PYTHON = path.join(dir, 'no-such-python');
    await expect(makeDdmUnetWeights(['--steps', '2', '--out', path.join(dir, 'never.safetensors')])).rejects.toThrow(/python3-torch/);
    expect(existsSync(path.join(dir, 'never.safetensors'))).toBe(false);
  });
});

const hasTorch = torchMissing(torchPython()) === null;
describe.skipIf(!hasTorch)('make-weights ddm-unet with torch installed', () => {
  it('trains 2 steps into --out with the flags given; resumed from --ckpt to step 3 it equals an uninterrupted 3-step run', async () => {
    const weights = (file: string) => decodeSafetensors(readFileSync(file), 'ddm-unet-denoiser');
    const inWeight = (doc: ReturnType<typeof weights>) => Array.from(doc.tensors.find((t) => t.name === 'in.weight')!.data);
    // lr 0.5: the warm-up scales it by k/500, so three steps still move float16 weights
    const common = ['--channels', '8', '--batch', '4', '--T', '50', '--lr', '0.5', '--save-every', '1', '--threads', '1'];
    const out = path.join(dir, 'unet.safetensors');
    const ckpt = path.join(dir, 'unet.ckpt.pt');
    await makeDdmUnetWeights(['--steps', '2', '--fresh', ...common, '--out', out, '--ckpt', ckpt]);
    const first = weights(out);
    expect(first.meta).toMatchObject({ steps: 2, plannedSteps: 2, channels: 8, batch: 4, T: 50, lr: 0.5 });
    expect(first.tensors.find((t) => t.name === 'in.weight')?.shape).toEqual([3, 3, 1, 8]);
    expect(existsSync(ckpt)).toBe(true);
    await makeDdmUnetWeights(['--steps', '3', ...common, '--out', out, '--ckpt', ckpt]);
    const resumed = weights(out);
    expect(resumed.meta).toMatchObject({ steps: 3, plannedSteps: 3 });
    expect(inWeight(resumed)).not.toEqual(inWeight(first));
    const straight = path.join(dir, 'straight.safetensors');
    await makeDdmUnetWeights(['--steps', '3', '--fresh', ...common, '--out', straight, '--ckpt', path.join(dir, 'straight.ckpt.pt')]);
    expect(inWeight(resumed)).toEqual(inWeight(weights(straight)));
  }, 240_000);
  it('--init starts from a weights file: at lr 0 it writes those weights back, and the metadata counts steps on from the file’s', async () => {
    const common = ['--channels', '8', '--batch', '4', '--T', '50', '--save-every', '1', '--threads', '1', '--fresh'];
    const start = path.join(dir, 'start.safetensors');
    await makeDdmUnetWeights(['--steps', '2', '--lr', '0.5', ...common, '--out', start, '--ckpt', path.join(dir, 'start.ckpt.pt')]);
    const still = path.join(dir, 'still.safetensors');
    await makeDdmUnetWeights(['--steps', '2', '--lr', '0', '--warmup', '1', '--init', start, ...common, '--out', still, '--ckpt', path.join(dir, 'still.ckpt.pt')]);
    const a = decodeSafetensors(readFileSync(start), 'ddm-unet-denoiser');
    const b = decodeSafetensors(readFileSync(still), 'ddm-unet-denoiser');
    expect(b.meta).toMatchObject({ initFrom: 'start.safetensors', initSteps: 2, steps: 4, stepsThisRun: 2, warmup: 1 });
    expect(unetModelFacts(readFileSync(still))).toMatchObject({ steps: 4, initSteps: 2 });
    expect(unetModelFacts(readFileSync(start))).toMatchObject({ steps: 2, initSteps: 0 });
    expect(b.tensors.map((t) => t.name)).toEqual(a.tensors.map((t) => t.name));
    const plain = (d: ArrayLike<number>) => Array.from(d, (v) => v + 0); // -0 + 0 is 0: the average of a zero may lose its sign
    for (const [i, t] of b.tensors.entries()) expect(plain(t.data)).toEqual(plain(a.tensors[i].data));
    const moved = path.join(dir, 'moved.safetensors');
    await makeDdmUnetWeights(['--steps', '2', '--lr', '0.5', '--warmup', '1', '--init', start, ...common, '--out', moved, '--ckpt', path.join(dir, 'moved.ckpt.pt')]);
    const c = decodeSafetensors(readFileSync(moved), 'ddm-unet-denoiser');
    const w = (doc: typeof a) => Array.from(doc.tensors.find((t) => t.name === 'in.weight')!.data);
    expect(w(c)).not.toEqual(w(a));
    await expect(makeDdmUnetWeights(['--steps', '1', '--init', start, ...common.map((v) => (v === '8' ? '16' : v)), '--out', path.join(dir, 'bad.safetensors'), '--ckpt', path.join(dir, 'bad.ckpt.pt')])).rejects.toThrow(/exited with 1/);
  }, 240_000);
});
