/**
 * The PyTorch reference of the 'vae' and 'ddm' entries (issue #12): the same training steps timed
 * in PyTorch on the CPU by scripts/bench/torch_ref.py, in the same bench run, at one thread and at
 * the machine's thread count, with our step times as ratios to them.
 *
 * The interpreter: $TORCH_REF_PYTHON, else `python3`, else /usr/bin/python3 (Debian's python3-torch
 * lives there; a pyenv `python3` on PATH usually lacks torch): the first that imports torch.
 * OpenBLAS: its kernel is picked at load time, so each candidate OPENBLAS_CORETYPE runs in its own
 * probe process (inherited environment, variable removed, SkylakeX); a variant replaces the
 * inherited one only when it ran (no SIGILL) and was faster (chooseCoretype). $TORCH_REF_BLAS_DIR,
 * when set, is put first on the reference process's LD_LIBRARY_PATH (e.g. an OpenBLAS directory,
 * when the system's libblas.so.3 is the netlib reference). Without Python or torch the rows say
 * that the reference was skipped, and why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ddmParams } from '../../src/core/diffusion/ddmParams';
import { DdmSession } from '../../src/core/diffusion/ddmSession';
import { timeEmbeddings } from '../../src/core/diffusion/timeEmbedding';
import { defaultParams } from '../../src/core/params';
import { DEFAULT_SCHEDULE, PRETRAINED_SHAPES } from '../../src/core/vae/pretrained';
import { ddmStepMatmulShapes, vaeStepMatmulShapes } from './matmulShapes';
import { chooseCoretype, kernelCell, parseScriptJson, referenceRows, type ProbeOutcome, type TorchBench, type TorchProbe } from './torchRefLogic';
import type { BenchResult } from './types';

export const TORCH_REF_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'torch_ref.py');
const PROBE_TIMEOUT_MS = 120_000;
const BENCH_TIMEOUT_MS = 420_000;

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** set when the process could not start (ENOENT) */
  error?: string;
}

/** Runs the script with a time limit; never throws. */
export function runScript(python: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, stdin?: string): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(python, [TORCH_REF_SCRIPT, ...args], { env, timeout: timeoutMs, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', (err) => resolve({ code: null, signal: null, stdout, stderr, error: err.message }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}

/** One line saying why a run gave no JSON. */
export function failureCell(r: Spawned, timeoutMs: number): string {
  if (r.error) return r.error;
  if (r.signal) return r.signal === 'SIGTERM' ? `timed out after ${timeoutMs / 1000} s` : `killed by ${r.signal}`;
  const last = r.stderr.trim().split('\n').slice(-1)[0];
  return `exit ${r.code}${last ? `: ${last}` : ''}`;
}

/** The reference process's environment for an OPENBLAS_CORETYPE variant. */
function referenceEnv(coretype: string | null | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (coretype === null) delete env.OPENBLAS_CORETYPE;
  else if (coretype !== undefined) env.OPENBLAS_CORETYPE = coretype;
  const dir = process.env.TORCH_REF_BLAS_DIR;
  if (dir) env.LD_LIBRARY_PATH = [dir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return env;
}

async function probeVariant(python: string, variant: string, coretype: string | null | undefined): Promise<ProbeOutcome> {
  const r = await runScript(python, ['probe', '--threads', '1'], referenceEnv(coretype), PROBE_TIMEOUT_MS);
  try {
    if (r.code !== 0) throw new Error(failureCell(r, PROBE_TIMEOUT_MS));
    return { variant, coretype, probe: parseScriptJson<TorchProbe>(r.stdout, r.stderr) };
  } catch (err) {
    return { variant, coretype, failure: err instanceof Error ? err.message : String(err) };
  }
}

export interface ReferenceSetup {
  python: string;
  outcomes: ProbeOutcome[];
  chosen: ProbeOutcome;
  reason: string;
}

export function defaultInterpreters(): string[] {
  return [...new Set([process.env.TORCH_REF_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
}

/** The interpreter with torch, and the OPENBLAS_CORETYPE to run under; or why there is none. */
export async function setUpReference(candidates = defaultInterpreters()): Promise<ReferenceSetup | { skipped: string }> {
  const tried: string[] = [];
  for (const python of candidates) {
    const base = await probeVariant(python, 'inherited', undefined);
    if (!base.probe) {
      tried.push(`${python}: ${base.failure}`);
      continue;
    }
    const outcomes = [base];
    if (base.probe.blas.openblas) {
      if (process.env.OPENBLAS_CORETYPE !== undefined) outcomes.push(await probeVariant(python, 'autodetect', null));
      if (process.env.OPENBLAS_CORETYPE !== 'SkylakeX') outcomes.push(await probeVariant(python, 'SkylakeX', 'SkylakeX'));
    }
    return { python, outcomes, ...chooseCoretype(outcomes) };
  }
  return { skipped: `no Python with torch (${tried.join('; ')}); on Debian/Ubuntu: sudo apt-get install python3-torch libopenblas0-pthread` };
}

/** What torch_ref.py's bench mode reads: the models' shapes and settings, taken from the core. */
export function referenceConfig(models: readonly ('vae' | 'ddm')[], trainCount: number, threads: number[]): object {
  const out: Record<string, object> = {};
  if (models.includes('vae')) {
    const s = PRETRAINED_SHAPES.default;
    const sch = DEFAULT_SCHEDULE;
    // The reference's loss is the β = 1 ELBO without free bits or annealing: the default schedule.
    if (sch.freeBits !== 0 || sch.annealEpochs !== 0 || s.decoder !== 'bernoulli') throw new Error('torch_ref.py models the default VAE schedule only');
    out.vae = {
      inputDim: s.inputDim,
      hidden: s.hidden,
      latent: s.latent,
      batch: sch.batchSize,
      trainCount,
      lr: sch.learningRate,
      klWeight: sch.klWeight,
      matmulShapes: vaeStepMatmulShapes(sch.batchSize, s.inputDim, s.hidden, s.latent),
    };
  }
  if (models.includes('ddm')) {
    const params = defaultParams(ddmParams);
    const session = new DdmSession(params, 1);
    try {
      const c = session.net.config;
      if (c.gaussianSkip || c.leaky) throw new Error('torch_ref.py models the plain ReLU denoiser only');
      const T = session.schedule.T;
      out.ddm = {
        dim: c.dim,
        embedDim: c.embedDim,
        width: c.width,
        depth: c.depth,
        batch: params.batch,
        T,
        lr: params.lr,
        train: Array.from(session.train),
        alphaBar: Array.from(session.schedule.alphaBar),
        embeddingTable: Array.from(timeEmbeddings(Int32Array.from({ length: T + 1 }, (_, t) => t), T, c.embedDim)),
        matmulShapes: ddmStepMatmulShapes(params.batch, c.width, c.depth, c.dim + c.embedDim, c.dim),
      };
    } finally {
      session.dispose();
    }
  }
  return { threads, models: out, budget: { warmups: 3, minReps: 5, maxReps: 200, budgetMs: 5000 } };
}

let setup: Promise<ReferenceSetup | { skipped: string }> | null = null;

/**
 * The reference rows for one model next to the entry's rows so far (`ours`): which interpreter,
 * BLAS and kernel ran and why, PyTorch's step at 1 and at the machine's thread count, and the
 * ratios. The setup (probes) runs once per bench process.
 * @param trainCount the VAE's training-set size (its epochs' length); unused for the DDM
 * @param reference the setup to use (tests pass their own); by default the bench's shared one
 */
export async function torchReferenceRows(
  model: 'vae' | 'ddm',
  ours: BenchResult,
  trainCount = 0,
  reference: Promise<ReferenceSetup | { skipped: string }> = (setup ??= setUpReference()),
): Promise<BenchResult> {
  const s = await reference;
  if ('skipped' in s) return { torch_reference: `skipped: ${s.skipped}` };
  const out: BenchResult = {
    torch_python: s.python,
    torch_version: s.chosen.probe!.torch,
    torch_blas_kernel: kernelCell(s.chosen.probe!.blas),
    torch_blas_choice: s.reason,
  };
  for (const o of s.outcomes) {
    out[`torch_probe_${o.variant}_matmul_128x784x400`] = o.probe
      ? `${o.probe.matmul_128x784x400.min_ms.toFixed(3)} ms min, ${o.probe.matmul_128x784x400.gflop_per_s.toFixed(1)} GFLOP/s (${o.probe.blas.core ?? 'not OpenBLAS'})`
      : `failed: ${o.failure}`;
  }
  const cpus = s.chosen.probe!.cpu_count;
  const threads = [...new Set([1, cpus])];
  const config = JSON.stringify(referenceConfig([model], trainCount, threads));
  const r = await runScript(s.python, ['bench'], referenceEnv(s.chosen.coretype), BENCH_TIMEOUT_MS, config);
  try {
    if (r.code !== 0) throw new Error(failureCell(r, BENCH_TIMEOUT_MS));
    const bench = parseScriptJson<TorchBench>(r.stdout, r.stderr);
    out.torch_bench_kernel = kernelCell(bench.blas);
    Object.assign(out, referenceRows(model, bench, ours));
  } catch (err) {
    out.torch_reference = `failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return out;
}
