/**
 * Predictive distributions in float64, from the networks' values (no tfjs): the variational
 * predictive p_q(y | x) = ∫ N(y; f_w(x), σ²) q(w) dw, approximated by the mixture over S whole-network
 * draws w_s ~ q, its quantiles, and the two held-out scores of chapter 11: coverage of the 90%
 * predictive interval and the log predictive density. The MLE network's predictive is N(f̂(x), σ̂²).
 */
import type { Rng } from '../random';
import { normalCdf } from '../vi/targets2d/normalCdf';
import { logSumExp } from '../math/logSumExp';
import { LOG_2PI } from '../math/gaussian';
import type { NetValues } from './network';
import { jacobian, linearizedDraws, type LinearizedValues } from './linearizedFloat64';

/** Point-estimate layers (the MLE network, or the means of q). */
export interface PointLayers {
  sizes: number[];
  layers: { w: Float64Array; b: Float64Array }[];
}

/** f_w at every x for one set of weights; w row-major [din, dout]. */
export function evaluateNet(net: PointLayers, xs: ArrayLike<number>): Float64Array {
  const { sizes, layers } = net;
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    let a = Float64Array.of(xs[i]);
    for (let l = 0; l < layers.length; l++) {
      const din = sizes[l];
      const dout = sizes[l + 1];
      const z = Float64Array.from(layers[l].b);
      for (let r = 0; r < din; r++) {
        const ar = a[r];
        for (let c = 0; c < dout; c++) z[c] += ar * layers[l].w[r * dout + c];
      }
      if (l < layers.length - 1) for (let c = 0; c < dout; c++) z[c] = Math.tanh(z[c]);
      a = z;
    }
    out[i] = a[0];
  }
  return out;
}

/** One draw of every weight from q. */
export function drawWeights(q: NetValues, rng: Rng): PointLayers {
  return {
    sizes: q.sizes,
    layers: q.layers.map((L) => ({
      w: L.wMean.map((m, j) => m + L.wSd[j] * rng.normal()),
      b: L.bMean.map((m, j) => m + L.bSd[j] * rng.normal()),
    })),
  };
}

/** The means of q as a point network. */
export function meanNet(q: NetValues): PointLayers {
  return { sizes: q.sizes, layers: q.layers.map((L) => ({ w: L.wMean, b: L.bMean })) };
}

/** f_{w_s}(x_k) for S whole-network draws: [S × xs.length], row s = draw s. */
export function functionDraws(q: NetValues, xs: ArrayLike<number>, S: number, rng: Rng): Float64Array {
  const out = new Float64Array(S * xs.length);
  for (let s = 0; s < S; s++) out.set(evaluateNet(drawWeights(q, rng), xs), s * xs.length);
  return out;
}

/** q's values, either family. */
export type VariationalValues = NetValues | LinearizedValues;

/**
 * S whole-function draws from q's predictive for f, [S × xs.length]: the network at weight draws
 * (mean-field), or the network linearized at q's mean (the linearized family's own model).
 */
export function predictiveDraws(q: VariationalValues, xs: ArrayLike<number>, S: number, rng: Rng): Float64Array {
  return 'kind' in q ? linearizedDraws(q, xs, S, rng) : functionDraws(q, xs, S, rng);
}

/** f at q's mean. */
export function meanCurve(q: VariationalValues, xs: ArrayLike<number>): Float64Array {
  return 'kind' in q ? jacobian(q.mean, xs).f : evaluateNet(meanNet(q), xs);
}

function column(draws: Float64Array, S: number, nx: number, k: number): Float64Array {
  const c = new Float64Array(S);
  for (let s = 0; s < S; s++) c[s] = draws[s * nx + k];
  return c;
}

/**
 * The p-quantile of the equal-weight mixture (1/S) Σ_s N(centres_s, sd²), by bisection on its CDF
 * (monotone; bracketed by the extreme centres ± 8 sd), to within `tol`.
 */
export function mixtureQuantile(centres: ArrayLike<number>, sd: number, p: number, tol = 1e-4 * sd): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < centres.length; s++) {
    lo = Math.min(lo, centres[s]);
    hi = Math.max(hi, centres[s]);
  }
  lo -= 8 * sd;
  hi += 8 * sd;
  for (let it = 0; it < 60 && hi - lo > tol; it++) {
    const mid = 0.5 * (lo + hi);
    if (mixtureCdf(centres, sd, mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** log (1/S) Σ_s N(y; centres_s, sd²). */
export function mixtureLogDensity(centres: ArrayLike<number>, sd: number, y: number): number {
  const terms = new Float64Array(centres.length);
  for (let s = 0; s < centres.length; s++) {
    const z = (y - centres[s]) / sd;
    terms[s] = -0.5 * z * z;
  }
  return logSumExp(terms) - Math.log(centres.length) - Math.log(sd) - 0.5 * LOG_2PI;
}

export interface Band {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
  /** sd of f(x) under q (the part of the band the weights' uncertainty makes) */
  functionSd: Float64Array;
}

/** The central (1 − 2α) predictive band of the mixture at each x, from `functionDraws` output. */
export function mixtureBand(draws: Float64Array, S: number, noiseSd: number, alpha = 0.05): Band {
  const nx = draws.length / S;
  const band: Band = { lower: new Float64Array(nx), median: new Float64Array(nx), upper: new Float64Array(nx), functionSd: new Float64Array(nx) };
  for (let k = 0; k < nx; k++) {
    const c = column(draws, S, nx, k);
    band.lower[k] = mixtureQuantile(c, noiseSd, alpha);
    band.median[k] = mixtureQuantile(c, noiseSd, 0.5);
    band.upper[k] = mixtureQuantile(c, noiseSd, 1 - alpha);
    let m = 0;
    for (const v of c) m += v / S;
    let ss = 0;
    for (const v of c) ss += (v - m) ** 2;
    band.functionSd[k] = Math.sqrt(ss / (S - 1));
  }
  return band;
}

export interface HeldOutScore {
  /** share of held-out y inside its central 90% predictive interval */
  coverage: number;
  /** mean log predictive density, nats per point */
  lpd: number;
  /** mean sd of f(x) under q over these inputs (0 for the MLE network) */
  functionSd: number;
}

/** (1/S) Σ_s Φ((y − centres_s)/sd): the mixture's CDF at y. */
export function mixtureCdf(centres: ArrayLike<number>, sd: number, y: number): number {
  let t = 0;
  for (let s = 0; s < centres.length; s++) t += normalCdf((y - centres[s]) / sd);
  return t / centres.length;
}

/**
 * Held-out scores of the variational predictive from draws at the held-out inputs. y lies in the
 * central 90% interval exactly when its predictive CDF value lies in [0.05, 0.95], so coverage
 * needs no quantiles.
 */
export function scoreMixture(draws: Float64Array, S: number, noiseSd: number, y: ArrayLike<number>): HeldOutScore {
  const nx = y.length;
  let hit = 0;
  let lpd = 0;
  let fsd = 0;
  for (let k = 0; k < nx; k++) {
    const c = column(draws, S, nx, k);
    const u = mixtureCdf(c, noiseSd, y[k]);
    if (u >= 0.05 && u <= 0.95) hit++;
    lpd += mixtureLogDensity(c, noiseSd, y[k]);
    let m = 0;
    for (const v of c) m += v / S;
    let ss = 0;
    for (const v of c) ss += (v - m) ** 2;
    fsd += Math.sqrt(ss / (S - 1));
  }
  return { coverage: hit / nx, lpd: lpd / nx, functionSd: fsd / nx };
}

/** z_{0.95}: the 90% interval of N(f̂, σ̂²) is f̂ ± Z90 σ̂. */
export const Z90 = 1.6448536269514722;

/** Held-out scores of the plug-in predictive N(f̂(x), σ̂²). */
export function scorePlugIn(fHat: ArrayLike<number>, noiseSd: number, y: ArrayLike<number>): HeldOutScore {
  let hit = 0;
  let lpd = 0;
  for (let k = 0; k < y.length; k++) {
    const z = (y[k] - fHat[k]) / noiseSd;
    if (Math.abs(z) <= Z90) hit++;
    lpd += -0.5 * z * z - Math.log(noiseSd) - 0.5 * LOG_2PI;
  }
  return { coverage: hit / y.length, lpd: lpd / y.length, functionSd: 0 };
}
