/** The snapshot of demo 'svi-step-sizes' and the plotting domain of its (μ, τ) picture. */
export interface SviSnapshot {
  optimum: { mu: number; tau: number };
  init: { mu: number; tau: number };
  main: { mu: number; tau: number };
  slow: { mu: number; tau: number };
  fast: { mu: number; tau: number };
  /** (μ, τ) pairs of the reader's run, every fifth step. */
  path: Float64Array;
  /** Rows (t, log₁₀ error of your run, κ = 0.3, κ = 1.5) at geometrically spaced steps. */
  trace: Float64Array;
  step: number;
}

/** Columns of the trace as log₁₀ t against each run's log₁₀ error. */
export function traceColumns(trace: Float64Array): { logT: number[]; main: number[]; slow: number[]; fast: number[] } {
  const out = { logT: [] as number[], main: [] as number[], slow: [] as number[], fast: [] as number[] };
  for (let i = 0; i + 3 < trace.length; i += 4) {
    out.logT.push(Math.log10(trace[i]));
    out.main.push(trace[i + 1]);
    out.slow.push(trace[i + 2]);
    out.fast.push(trace[i + 3]);
  }
  return out;
}

/** Domains that hold the start, the optimum, every run and the whole path, with a margin. */
export function pathDomain(s: SviSnapshot): { x: [number, number]; y: [number, number] } {
  const xs = [s.init.mu, s.optimum.mu, s.main.mu, s.slow.mu, s.fast.mu];
  const ys = [s.init.tau, s.optimum.tau, s.main.tau, s.slow.tau, s.fast.tau];
  for (let i = 0; i + 1 < s.path.length; i += 2) {
    xs.push(s.path[i]);
    ys.push(s.path[i + 1]);
  }
  const pad = (lo: number, hi: number): [number, number] => {
    const d = Math.max(hi - lo, 0.5) * 0.08;
    return [lo - d, hi + d];
  };
  return { x: pad(Math.min(...xs), Math.max(...xs)), y: pad(Math.max(0, Math.min(...ys)), Math.max(...ys)) };
}
