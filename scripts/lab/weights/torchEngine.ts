/**
 * What the PyTorch weight makers share (`make-weights ddm-digits --engine torch`, `make-weights
 * ddm-unet`): the training digits written once as raw float32 for Python, the trainer's command line
 * built from the lab's flags, a check that the interpreter has torch (with a message that says what
 * to install), and the spawn.
 *
 * Python is $TORCH_REF_PYTHON or /usr/bin/python3 (Debian's python3-torch); OPENBLAS_CORETYPE=SkylakeX
 * is set for it (this machine's CPU is misdetected by Debian's OpenBLAS 0.3.21).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPixelDigits } from '../../../src/core/diffusion/pixelDigits';
import { nodeAssetLoader } from '../run';

/** The interpreter the torch engines run. */
export function torchPython(): string {
  return process.env.TORCH_REF_PYTHON ?? '/usr/bin/python3';
}

/** Why `python` cannot run a torch trainer (missing, or no torch/NumPy), or null when it can. */
export function torchMissing(python: string): string | null {
  const r = spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore', env: { ...process.env, OPENBLAS_CORETYPE: 'SkylakeX' } });
  if (r.status === 0) return null;
  const what = r.error ? `${python} does not run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` : `${python} cannot import torch and numpy`;
  return `${what}. The PyTorch engine needs Python 3 with PyTorch and NumPy: on Debian or Ubuntu \`sudo apt-get install python3-torch python3-numpy\`, or set TORCH_REF_PYTHON to an interpreter that has them.`;
}

/** Writes the 9,000 training digits at 28×28 in [−1, 1] as raw float32, row-major [n, 784]. @returns the file */
export async function dumpTrainingDigits(root: string): Promise<string> {
  const digits = await loadPixelDigits(nodeAssetLoader(root));
  const data = path.join(root, '.tmp/train28.f32');
  mkdirSync(path.dirname(data), { recursive: true });
  writeFileSync(data, new Uint8Array(digits.x.buffer, digits.x.byteOffset, digits.x.byteLength));
  return data;
}

/**
 * The trainer's argv: the script, its files, and each of `pass` that the lab's command line gives
 * (`--name value`, passed on as given: the script validates them), then --fresh if given.
 */
export function torchArgv(opts: { script: string; data: string; out: string; ckpt: string; args: readonly string[]; pass: readonly string[] }): string[] {
  const { args } = opts;
  const argv = [opts.script, '--data', opts.data, '--out', opts.out, '--ckpt', opts.ckpt];
  for (const name of opts.pass) {
    const i = args.indexOf(`--${name}`);
    if (i < 0) continue;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    argv.push(`--${name}`, value);
  }
  if (args.includes('--fresh')) argv.push('--fresh');
  return argv;
}

/** Checks the interpreter, dumps the digits and runs the trainer to its end (output inherited). */
export async function runTorchTrainer(opts: { root: string; script: string; out: string; ckpt: string; args: readonly string[]; pass: readonly string[] }): Promise<void> {
  const python = torchPython();
  const missing = torchMissing(python);
  if (missing) throw new Error(missing);
  const data = await dumpTrainingDigits(opts.root);
  mkdirSync(path.dirname(opts.out), { recursive: true });
  mkdirSync(path.dirname(opts.ckpt), { recursive: true });
  const argv = torchArgv({ ...opts, script: path.join(opts.root, opts.script), data });
  const code = await new Promise<number>((resolve, reject) => {
    spawn(python, argv, { stdio: 'inherit', env: { ...process.env, OPENBLAS_CORETYPE: 'SkylakeX' } })
      .on('error', reject)
      .on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`${python} ${opts.script} exited with ${code}`);
}
