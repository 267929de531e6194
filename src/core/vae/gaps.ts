/**
 * Inference gaps of a VAE with a 2-D latent (Cremer, Li & Duvenaud 2018), digit by digit:
 *
 *   log p(x) − ELBO(q_φ(·|x)) = [log p(x) − ELBO(q*)]  +  [ELBO(q*) − ELBO(q_φ)]
 *                               approximation gap          amortization gap
 *
 * where q* is the best diagonal Gaussian for this one digit, found by stochastic variational
 * inference started at the encoder's q_φ. With L = 2 everything else is deterministic:
 * log p(x) = log ∫ p(x|z) p(z) dz by a Riemann sum on a fine grid, and the ELBO of a Gaussian q
 * by a product rule on a grid in q's standardized coordinates.
 */
import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from '../math/logSumExp';
import type { Rng } from '../random';
import { decode, encode, logLikelihood, logStandardNormal, type VaeShape, type Weights } from './model';

const CHUNK = 4096;

/**
 * log p(x, z) = log p(x|z) + log p(z) for one digit at many latent points.
 * @param x [D]
 * @param z [m, 2] row-major
 * @returns [m]
 */
export async function logJoint(weights: Weights, s: VaeShape, x: Float32Array, z: Float32Array): Promise<Float64Array> {
  const L = s.latent;
  const m = z.length / L;
  const out = new Float64Array(m);
  for (let start = 0; start < m; start += CHUNK) {
    const rows = Math.min(CHUNK, m - start);
    const t = tf.tidy(() => {
      const zt = tf.tensor2d(z.subarray(start * L, (start + rows) * L), [rows, L]);
      const logits = decode(weights, zt).logits;
      return tf.add(logLikelihood(logits, tf.tensor2d(x, [1, s.inputDim]), s), logStandardNormal(zt));
    });
    const d = await t.data();
    t.dispose();
    for (let i = 0; i < rows; i++) out[start + i] = d[i];
  }
  return out;
}

export interface GridOptions {
  /** half-width of the coarse grid [−E, E]² */
  extent: number;
  /** points per axis of the coarse grid */
  coarse: number;
  /** points per axis of the refined grid */
  fine: number;
  /** cells more than this many nats below the maximum are ignored when refining */
  dropNats: number;
}

export const DEFAULT_GRID: GridOptions = { extent: 6, coarse: 100, fine: 120, dropNats: 30 };

export interface GridMarginal {
  logPx: number;
  /** the refined grid's box and its log p(x, z) values, [fine, fine] (row = z₂ index) */
  box: { z1: [number, number]; z2: [number, number] };
  logJoint: Float64Array;
  size: number;
}

function midpointGrid(lo1: number, hi1: number, lo2: number, hi2: number, n: number): { z: Float32Array; cell: number } {
  const h1 = (hi1 - lo1) / n;
  const h2 = (hi2 - lo2) / n;
  const z = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      z[(r * n + c) * 2] = lo1 + (c + 0.5) * h1;
      z[(r * n + c) * 2 + 1] = lo2 + (r + 0.5) * h2;
    }
  }
  return { z, cell: h1 * h2 };
}

/**
 * log p(x) by the midpoint rule: a coarse grid over [−E, E]² finds where p(x, z) lives, then a
 * fine grid over the bounding box of the cells within `dropNats` of the maximum (padded by one
 * coarse cell) gives log Σ p(x, z_i) · cell area.
 */
export async function gridLogMarginal(
  weights: Weights,
  s: VaeShape,
  x: Float32Array,
  opts: GridOptions = DEFAULT_GRID,
): Promise<GridMarginal> {
  if (s.latent !== 2) throw new Error('gridLogMarginal: needs a 2-D latent');
  const E = opts.extent;
  const coarse = midpointGrid(-E, E, -E, E, opts.coarse);
  const lc = await logJoint(weights, s, x, coarse.z);
  let max = -Infinity;
  for (const v of lc) if (v > max) max = v;
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  for (let i = 0; i < lc.length; i++) {
    if (lc[i] < max - opts.dropNats) continue;
    lo1 = Math.min(lo1, coarse.z[2 * i]);
    hi1 = Math.max(hi1, coarse.z[2 * i]);
    lo2 = Math.min(lo2, coarse.z[2 * i + 1]);
    hi2 = Math.max(hi2, coarse.z[2 * i + 1]);
  }
  const h = (2 * E) / opts.coarse;
  const box = { z1: [lo1 - 1.5 * h, hi1 + 1.5 * h] as [number, number], z2: [lo2 - 1.5 * h, hi2 + 1.5 * h] as [number, number] };
  const fine = midpointGrid(box.z1[0], box.z1[1], box.z2[0], box.z2[1], opts.fine);
  const lf = await logJoint(weights, s, x, fine.z);
  return { logPx: logSumExp(lf) + Math.log(fine.cell), box, logJoint: lf, size: opts.fine };
}

export interface DiagGaussian {
  mu: [number, number];
  logvar: [number, number];
}

const QUAD_POINTS = 41;
const QUAD_RADIUS = 6;

/**
 * ELBO(q) = E_q[log p(x, z)] + H(q) for a diagonal Gaussian q in 2-D, the expectation by a
 * product midpoint rule on u ∈ [−6, 6]² with z = μ + σ ⊙ u and weights φ(u₁)φ(u₂), normalized.
 */
export async function gaussianElbo(weights: Weights, s: VaeShape, x: Float32Array, q: DiagGaussian, n = QUAD_POINTS): Promise<number> {
  const z = new Float32Array(n * n * 2);
  const wts = new Float64Array(n * n);
  const s1 = Math.exp(0.5 * q.logvar[0]);
  const s2 = Math.exp(0.5 * q.logvar[1]);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const u2 = -QUAD_RADIUS + (2 * QUAD_RADIUS * r) / (n - 1);
    for (let c = 0; c < n; c++) {
      const u1 = -QUAD_RADIUS + (2 * QUAD_RADIUS * c) / (n - 1);
      const i = r * n + c;
      z[2 * i] = q.mu[0] + s1 * u1;
      z[2 * i + 1] = q.mu[1] + s2 * u2;
      wts[i] = Math.exp(-0.5 * (u1 * u1 + u2 * u2));
      total += wts[i];
    }
  }
  const lj = await logJoint(weights, s, x, z);
  let e = 0;
  for (let i = 0; i < lj.length; i++) e += (wts[i] / total) * lj[i];
  const entropy = 1 + Math.log(2 * Math.PI) + 0.5 * (q.logvar[0] + q.logvar[1]);
  return e + entropy;
}

/** The encoder's q_φ(z|x) for one digit. */
export async function encoderPosterior(weights: Weights, s: VaeShape, x: Float32Array): Promise<DiagGaussian> {
  const t = tf.tidy(() => {
    const { mu, logvar } = encode(weights, tf.tensor2d(x, [1, s.inputDim]), s.latent);
    return tf.concat([mu, logvar], 1);
  });
  const d = await t.data();
  t.dispose();
  return { mu: [d[0], d[1]], logvar: [d[2], d[3]] };
}

export interface SviOptions {
  steps: number;
  samples: number;
  learningRate: number;
}

export const DEFAULT_SVI: SviOptions = { steps: 300, samples: 32, learningRate: 0.02 };

/**
 * Per-digit SVI: maximizes the ELBO over (μ, log σ²) of a diagonal Gaussian, starting at q0,
 * with reparameterized gradients (S draws per step) and Adam.
 *   ∇_μ ELBO = E[g],  ∇_{log σ²} ELBO = E[g ⊙ ε ⊙ σ/2] + ½,  g = ∇_z log p(x, z) at z = μ + σ ⊙ ε.
 */
export async function optimizePosterior(
  weights: Weights,
  s: VaeShape,
  x: Float32Array,
  q0: DiagGaussian,
  rng: Rng,
  opts: SviOptions = DEFAULT_SVI,
): Promise<DiagGaussian> {
  const S = opts.samples;
  const params = [q0.mu[0], q0.mu[1], q0.logvar[0], q0.logvar[1]];
  const m = [0, 0, 0, 0];
  const v = [0, 0, 0, 0];
  const w = weights;
  const fixed = tf.tidy(() => ({ W4T: tf.transpose(w.W4), W3T: tf.transpose(w.W3), x: tf.tensor2d(x, [1, s.inputDim]) }));
  try {
    for (let t = 1; t <= opts.steps; t++) {
      const eps = new Float32Array(S * 2);
      for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
      const sd = [Math.exp(0.5 * params[2]), Math.exp(0.5 * params[3])];
      const z = new Float32Array(S * 2);
      for (let k = 0; k < S; k++) {
        z[2 * k] = params[0] + sd[0] * eps[2 * k];
        z[2 * k + 1] = params[1] + sd[1] * eps[2 * k + 1];
      }
      const gT = tf.tidy(() => {
        const zt = tf.tensor2d(z, [S, 2]);
        const h3 = tf.fused.matMul({ a: zt, b: w.W3 as tf.Tensor2D, bias: w.b3, activation: 'relu' });
        const logits = tf.fused.matMul({ a: h3, b: w.W4 as tf.Tensor2D, bias: w.b4 });
        const mean = tf.sigmoid(logits);
        let dl = tf.sub(fixed.x, mean); // ∂ log p(x|z)/∂ℓ for Bernoulli
        if (s.decoder === 'gaussian') dl = tf.mul(dl, tf.mul(tf.mul(mean, tf.sub(1, mean)), 1 / (s.decoderStd * s.decoderStd)));
        const dh3 = tf.mul(tf.matMul(dl, fixed.W4T as tf.Tensor2D), tf.step(h3));
        return tf.sub(tf.matMul(dh3, fixed.W3T as tf.Tensor2D), zt); // ∇_z [log p(x|z) + log p(z)]
      });
      const g = await gT.data();
      gT.dispose();
      const grad = [0, 0, 0.5, 0.5];
      for (let k = 0; k < S; k++) {
        for (let d = 0; d < 2; d++) {
          const gd = g[2 * k + d] / S;
          grad[d] += gd;
          grad[2 + d] += gd * eps[2 * k + d] * 0.5 * sd[d];
        }
      }
      for (let i = 0; i < 4; i++) {
        m[i] = 0.9 * m[i] + 0.1 * grad[i];
        v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
        const mh = m[i] / (1 - 0.9 ** t);
        const vh = v[i] / (1 - 0.999 ** t);
        params[i] += (opts.learningRate * mh) / (Math.sqrt(vh) + 1e-8); // ascent
      }
    }
  } finally {
    tf.dispose([fixed.W4T, fixed.W3T, fixed.x]);
  }
  return { mu: [params[0], params[1]], logvar: [params[2], params[3]] };
}

export interface DigitGaps {
  logPx: number;
  elboAmortized: number;
  elboOptimized: number;
  approximationGap: number;
  amortizationGap: number;
  encoderQ: DiagGaussian;
  optimizedQ: DiagGaussian;
  grid: GridMarginal;
}

/** The full decomposition for one digit. If SVI ends worse than its start, q* = q_φ (gap 0). */
export async function digitGaps(weights: Weights, s: VaeShape, x: Float32Array, rng: Rng, svi: SviOptions = DEFAULT_SVI): Promise<DigitGaps> {
  const grid = await gridLogMarginal(weights, s, x);
  const encoderQ = await encoderPosterior(weights, s, x);
  const elboAmortized = await gaussianElbo(weights, s, x, encoderQ);
  let optimizedQ = await optimizePosterior(weights, s, x, encoderQ, rng, svi);
  let elboOptimized = await gaussianElbo(weights, s, x, optimizedQ);
  if (elboOptimized < elboAmortized) {
    optimizedQ = encoderQ;
    elboOptimized = elboAmortized;
  }
  return {
    logPx: grid.logPx,
    elboAmortized,
    elboOptimized,
    approximationGap: grid.logPx - elboOptimized,
    amortizationGap: elboOptimized - elboAmortized,
    encoderQ,
    optimizedQ,
    grid,
  };
}
