/** Pure helpers shared by the diffusion widgets (ddm-train-2d, ddm-sampler, ddm-forward). */
import { splitXY, type Bar } from '../plots';
import { covariance, mean } from '../../core/math/stats';


/**
 * Per-timestep values [T] (index t−1) averaged into at most `bins` bars labelled by their t range,
 * so a chart of T = 1000 stays readable.
 */
export function timestepBars(values: ArrayLike<number>, bins: number, color?: string): Bar[] {
  const T = values.length;
  const k = Math.min(bins, T);
  const bars: Bar[] = [];
  for (let b = 0; b < k; b++) {
    const lo = Math.floor((b * T) / k);
    const hi = Math.floor(((b + 1) * T) / k);
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    bars.push({ label: hi - lo === 1 ? `${lo + 1}` : `${lo + 1}–${hi}`, value: s / (hi - lo), color });
  }
  return bars;
}

/** All rows at time t from states [(T+1) * n * 2] laid out t = 0..T. */
export function stateAt(states: Float32Array, t: number, n: number): Float32Array {
  return states.subarray(t * n * 2, (t + 1) * n * 2);
}

/** One tracked path [(T+1)*2] (t = T..0) cut to the part from T down to t. */
export function pathDownTo(path: Float32Array, T: number, t: number): { x: Float32Array; y: Float32Array } {
  return splitXY(path.subarray(0, (T - t + 1) * 2));
}

/** Index of the precomputed field frame whose timestep is nearest to t. */
export function nearestFrame(ts: ArrayLike<number>, t: number): number {
  let best = 0;
  for (let k = 1; k < ts.length; k++) if (Math.abs(ts[k] - t) < Math.abs(ts[best] - t)) best = k;
  return best;
}

/** Arrows −ε_θ(x, t) at the grid points of frame k: the direction towards the data (the scaled score). */
export function fieldArrows(grid: Float32Array, fields: Float32Array, k: number) {
  const G = grid.length / 2;
  const f = fields.subarray(k * G * 2, (k + 1) * G * 2);
  const { x, y } = splitXY(grid);
  const dx = new Float32Array(G);
  const dy = new Float32Array(G);
  for (let i = 0; i < G; i++) {
    dx[i] = -f[2 * i];
    dy[i] = -f[2 * i + 1];
  }
  return { x, y, dx, dy };
}

/** Energy distance formatted for a readout (3 significant digits, small values in exponent form). */
export function formatEnergy(v: number): string {
  return Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toPrecision(3);
}

/** Mean and per-coordinate standard deviation (divisor n) of points [n*2]. */
export function pointSpread(a: ArrayLike<number>): { mean: [number, number]; sd: [number, number] } {
  const n = Math.floor(a.length / 2);
  const m = mean(a, n, 2);
  const c = covariance(a, n, 2, undefined, m);
  return { mean: [m[0], m[1]], sd: [Math.sqrt(c[0]), Math.sqrt(c[3])] };
}
