/**
 * The pure half of the PyTorch reference (scripts/bench/torchRef.ts spawns torch_ref.py): reading
 * the script's JSON, choosing OPENBLAS_CORETYPE from measured probes, and the report rows with our
 * step time as a ratio to PyTorch's. Unit-tested in tests/scripts/bench/torchRefLogic.test.ts.
 */
import type { BenchResult } from './types';

/** What `torch_ref.py probe` prints. */
export interface TorchProbe {
  python: string;
  torch: string;
  cpu_count: number;
  threads: number;
  blas: BlasInfo;
  matmul_128x784x400: { median_ms: number; min_ms: number; reps: number; gflop_per_s: number };
}

export interface BlasInfo {
  /** BLAS/LAPACK shared libraries mapped into the process (/proc/self/maps) */
  libraries: string[];
  openblas: boolean;
  /** torch's build-time BLAS_INFO */
  build_blas: string;
  /** OPENBLAS_CORETYPE as the process saw it */
  coretype_env: string | null;
  /** OpenBLAS's openblas_get_corename(): the kernel it dispatched to */
  core?: string;
  config?: string;
}

/** One model at one thread count, as `torch_ref.py bench` prints it. */
export interface TorchStepTiming {
  step_ms: number;
  step_min_ms: number;
  reps: number;
  matmul_only_ms: number;
  matmul_gflop_per_s: number;
  threads_in_effect: number;
}

export interface TorchBench {
  python: string;
  torch: string;
  cpu_count: number;
  blas: BlasInfo;
  /** model → thread count → timing */
  models: Record<string, Record<string, TorchStepTiming>>;
}

/**
 * The script's JSON: the last non-empty stdout line (anything a library prints before it is
 * ignored). Throws with the tail of stderr when there is none, so a failure is never silent.
 */
export function parseScriptJson<T>(stdout: string, stderr = ''): T {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const last = lines[lines.length - 1];
  if (last?.startsWith('{')) {
    try {
      return JSON.parse(last) as T;
    } catch {
      // fall through to the error below
    }
  }
  const why = stderr.trim().split('\n').slice(-1)[0] || (last ? `unexpected output: ${last.slice(0, 120)}` : 'no output');
  throw new Error(`torch_ref.py printed no JSON (${why})`);
}

/** An environment variant of the reference process and how its probe went. */
export interface ProbeOutcome {
  /** 'inherited' (the bench's own environment), 'autodetect' (OPENBLAS_CORETYPE removed), or a core name set in it */
  variant: string;
  /** OPENBLAS_CORETYPE for this variant: a value, null (removed), undefined (left as inherited) */
  coretype: string | null | undefined;
  probe?: TorchProbe;
  /** why it gave no probe: a signal (SIGILL: the kernel uses instructions the CPU lacks), exit code, timeout */
  failure?: string;
}

/** How much faster (by the fastest of many products) a variant must be to replace the inherited one. */
export const CORETYPE_MARGIN = 0.9;

/**
 * The variant to run the reference under: the inherited environment unless other variants ran
 * and their 128×784×400 product's fastest time is below CORETYPE_MARGIN of the inherited one's;
 * then the fastest of those.
 * The minimum, not the median: on a shared machine load only ever adds time, and the kernel sets
 * the floor. Returns the choice and a sentence saying why, with the times measured.
 */
export function chooseCoretype(outcomes: readonly ProbeOutcome[]): { chosen: ProbeOutcome; reason: string } {
  const base = outcomes.find((o) => o.variant === 'inherited');
  if (!base?.probe) throw new Error('chooseCoretype: the inherited environment gave no probe');
  const t = (o: ProbeOutcome) => o.probe!.matmul_128x784x400.min_ms;
  const describe = (o: ProbeOutcome) =>
    o.probe ? `${o.variant} → ${o.probe.blas.core ?? 'not OpenBLAS'} ${t(o).toFixed(3)} ms` : `${o.variant}: ${o.failure ?? 'no probe'}`;
  if (!base.probe.blas.openblas) {
    const lib = base.probe.blas.libraries.find((l) => /blas/i.test(l)) ?? 'none found';
    return { chosen: base, reason: `torch's BLAS is ${lib}, not OpenBLAS: OPENBLAS_CORETYPE does not apply` };
  }
  let chosen = base;
  for (const o of outcomes) if (o.probe?.blas.openblas && t(o) < CORETYPE_MARGIN * t(base) && t(o) < t(chosen)) chosen = o;
  const all = outcomes.map(describe).join('; ');
  const why =
    chosen === base
      ? `kept the inherited environment (no variant below ${CORETYPE_MARGIN} of its fastest 128×784×400 product)`
      : `${chosen.variant} ran and was faster than the inherited environment's ${base.probe.blas.core}`;
  return { chosen, reason: `${why}: ${all}` };
}

/** The OpenBLAS kernel (or the BLAS library) that ran, as one report cell. */
export function kernelCell(blas: BlasInfo): string {
  if (blas.openblas) return `OpenBLAS core ${blas.core ?? '?'} (${blas.config ?? ''}; OPENBLAS_CORETYPE=${blas.coretype_env ?? 'unset'})`;
  const lib = blas.libraries.find((l) => /blas/i.test(l)) ?? 'no BLAS library mapped';
  const netlib = /\/blas\/libblas\.so/.test(lib) ? ' — the netlib reference BLAS, unoptimized' : '';
  return `${lib}${netlib} (not OpenBLAS; torch built with BLAS_INFO=${blas.build_blas})`;
}

/**
 * The reference's rows for one model, and our step times as ratios to it. `ours` holds the
 * entry's rows so far: node_wasm_step_ms, browser_<backend>_step_ms (and their _step_min_ms),
 * whichever were measured. A ratio above 1 means our step is slower than PyTorch's.
 */
export function referenceRows(model: string, bench: TorchBench, ours: BenchResult): BenchResult {
  const out: BenchResult = {};
  const timings = bench.models[model];
  if (!timings) return { torch_reference: `torch_ref.py returned no ${model} timings` };
  const ourKeys = ['node_wasm', 'browser_wasm', 'browser_auto', 'browser_webgl', 'browser_webgpu'];
  for (const [threads, r] of Object.entries(timings)) {
    const key = `torch_${threads}thread`;
    out[`${key}_${model}_step_ms`] = r.step_ms;
    out[`${key}_${model}_step_min_ms`] = r.step_min_ms;
    out[`${key}_${model}_reps`] = r.reps;
    out[`${key}_${model}_matmul_gflop_per_s`] = r.matmul_gflop_per_s;
    for (const ourKey of ourKeys) {
      const mine = ours[`${ourKey}_step_ms`];
      if (typeof mine === 'number') out[`ratio_${ourKey}_to_${key}`] = mine / r.step_ms;
      const mineMin = ours[`${ourKey}_step_min_ms`];
      if (typeof mineMin === 'number') out[`ratio_${ourKey}_to_${key}_of_minima`] = mineMin / r.step_min_ms;
    }
  }
  return out;
}
