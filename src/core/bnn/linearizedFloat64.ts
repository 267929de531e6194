/**
 * The linearized full-covariance family of chapter 11 (§bnn-linearized), in float64 with the
 * gradients written out by hand: the float64 twin of linearized.ts, and the predictive the widget
 * and the chapter draw from.
 *
 * All weights θ (layer by layer: W_l row-major [din, dout], then b_l) are random effects,
 * θ ~ N(0, S) with S = diag(s_l²) by layer, and q(θ) = N(m, Σ), Σ = L Lᵀ with L lower-triangular
 * (diagonal exp(λ_j) > 0). The likelihood is the network linearized at q's mean,
 *   y_i | θ ~ N(f_m(x_i) + J_i (θ − m), σ²),   J_i = ∂f_θ(x_i)/∂θ at θ = m,
 * so the expected log-likelihood is exact (no sampling):
 *   E_q log p(y | θ) = Σ_i [−½ log 2πσ² − (r_i² + J_i Σ J_iᵀ)/(2σ²)],   r_i = y_i − f_m(x_i),
 *   KL(q ‖ N(0, S)) = ½ [Σ_j (Σ_jj + m_j²)/S_jj − D + Σ_j log S_jj − 2 Σ_j λ_j].
 * J is held at the current mean (the Gauss–Newton reading): the gradients below treat it as a
 * constant, and at a fixed point q is the exact posterior of the network linearized there.
 *   ∂L/∂m = Jᵀr/σ² − S⁻¹m,   ∂L/∂L = −(JᵀJ L)/σ² − S⁻¹L (lower part),   ∂L/∂λ_j = L_jj (∂L/∂L)_jj + 1,
 *   ∂L/∂ log σ = Σ_i [(r_i² + J_iΣJ_iᵀ)/σ² − 1].
 * With the variance components estimated, S_jj = s_l² = (1/d_l) Σ_{j∈l} (m_j² + Σ_jj) (the M-step),
 * at which the s-derivative vanishes, so the partials above are the profiled objective's gradient.
 */
import { LOG_2PI } from '../math/gaussian';
import type { Rng } from '../random';
import type { PointLayers } from './predictive';

/** Number of weights and biases, D = Σ_l (din·dout + dout). */
export function parameterCount(sizes: number[]): number {
  let d = 0;
  for (let l = 0; l + 1 < sizes.length; l++) d += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return d;
}

/** Index ranges [start, end) of each layer's parameters in θ. */
export function layerRanges(sizes: number[]): [number, number][] {
  const out: [number, number][] = [];
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const d = sizes[l] * sizes[l + 1] + sizes[l + 1];
    out.push([o, o + d]);
    o += d;
  }
  return out;
}

/** θ flattened (W_l row-major then b_l, layer by layer). */
export function flatten(net: PointLayers): Float64Array {
  const out = new Float64Array(parameterCount(net.sizes));
  let o = 0;
  for (const L of net.layers) {
    out.set(L.w, o);
    o += L.w.length;
    out.set(L.b, o);
    o += L.b.length;
  }
  return out;
}

export function unflatten(sizes: number[], theta: ArrayLike<number>): PointLayers {
  const layers: PointLayers['layers'] = [];
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nw = sizes[l] * sizes[l + 1];
    layers.push({ w: Float64Array.from({ length: nw }, (_, j) => theta[o + j]), b: Float64Array.from({ length: sizes[l + 1] }, (_, j) => theta[o + nw + j]) });
    o += nw + sizes[l + 1];
  }
  return { sizes, layers };
}

/**
 * f_θ(x_i) and the Jacobian ∂f/∂θ at every x_i: forward pass keeping activations, then
 * δ_last = 1, δ_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ (1 − a_l²); ∂f/∂W_l[r, c] = a_{l−1}[r] δ_l[c], ∂f/∂b_l = δ_l.
 * @returns f [n] and J [n × D] row-major
 */
export function jacobian(net: PointLayers, xs: ArrayLike<number>): { f: Float64Array; J: Float64Array } {
  const { sizes, layers } = net;
  const D = parameterCount(sizes);
  const ranges = layerRanges(sizes);
  const n = xs.length;
  const f = new Float64Array(n);
  const J = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const acts: Float64Array[] = [Float64Array.of(xs[i])];
    for (let l = 0; l < layers.length; l++) {
      const din = sizes[l];
      const dout = sizes[l + 1];
      const a = acts[l];
      const z = Float64Array.from(layers[l].b);
      for (let r = 0; r < din; r++) for (let c = 0; c < dout; c++) z[c] += a[r] * layers[l].w[r * dout + c];
      if (l < layers.length - 1) for (let c = 0; c < dout; c++) z[c] = Math.tanh(z[c]);
      acts.push(z);
    }
    f[i] = acts[layers.length][0];
    let delta = Float64Array.of(1);
    for (let l = layers.length - 1; l >= 0; l--) {
      const din = sizes[l];
      const dout = sizes[l + 1];
      const a = acts[l];
      const [o] = ranges[l];
      const row = i * D + o;
      for (let r = 0; r < din; r++) for (let c = 0; c < dout; c++) J[row + r * dout + c] = a[r] * delta[c];
      for (let c = 0; c < dout; c++) J[row + din * dout + c] = delta[c];
      if (l > 0) {
        const next = new Float64Array(din);
        for (let r = 0; r < din; r++) {
          let s = 0;
          for (let c = 0; c < dout; c++) s += layers[l].w[r * dout + c] * delta[c];
          next[r] = s * (1 - a[r] * a[r]);
        }
        delta = next;
      }
    }
  }
  return { f, J };
}

/** L from its strictly-lower part `off` (D×D row-major, upper part ignored) and log-diagonal λ. */
export function choleskyOf(off: ArrayLike<number>, logDiag: ArrayLike<number>): Float64Array {
  const D = logDiag.length;
  const L = new Float64Array(D * D);
  for (let j = 0; j < D; j++) {
    for (let k = 0; k < j; k++) L[j * D + k] = off[j * D + k];
    L[j * D + j] = Math.exp(logDiag[j]);
  }
  return L;
}

/** A = B C for row-major B [p × q], C [q × r]. */
function matMul(B: Float64Array, C: Float64Array, p: number, q: number, r: number): Float64Array {
  const A = new Float64Array(p * r);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < q; k++) {
      const b = B[i * q + k];
      if (b === 0) continue;
      for (let j = 0; j < r; j++) A[i * r + j] += b * C[k * r + j];
    }
  }
  return A;
}

export interface LinearizedState {
  sizes: number[];
  /** q's mean θ = m, flattened */
  mean: Float64Array;
  /** strictly-lower part of L (D×D row-major) and λ = log diag L */
  off: Float64Array;
  logDiag: Float64Array;
}

export interface LinearizedElbo {
  elbo: number;
  expectedLogLik: number;
  kl: number;
  /** s_l² in use, per layer */
  priorVars: number[];
  /** gradients of the ELBO (ascent directions), J held fixed */
  gMean: Float64Array;
  gOff: Float64Array;
  gLogDiag: Float64Array;
  gLogNoiseSd: number;
}

/**
 * The ELBO of the linearized family and its gradient, J at `q.mean` (or at `linearizeAt`, for a
 * finite-difference check of the m-gradient with J held fixed).
 */
export function linearizedElbo(
  q: LinearizedState,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  noiseSd: number,
  prior: { kind: 'estimate' } | { kind: 'fixed'; variance: number },
  linearizeAt: Float64Array = q.mean,
): LinearizedElbo {
  const { sizes } = q;
  const D = q.mean.length;
  const n = x.length;
  const { f: fAt, J } = jacobian(unflatten(sizes, linearizeAt), x);
  // f_m(x) = f_{θ₀}(x) + J (m − θ₀): exactly f_m when θ₀ = m
  const f = Float64Array.from(fAt);
  if (linearizeAt !== q.mean) {
    for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) f[i] += J[i * D + j] * (q.mean[j] - linearizeAt[j]);
  }
  const L = choleskyOf(q.off, q.logDiag);
  // G = JᵀJ (symmetric), GL = G L (L lower): Σ_i J_i Σ J_iᵀ = tr(Lᵀ G L) = Σ (GL ⊙ L), and ∂/∂L of it is 2 GL
  const G = new Float64Array(D * D);
  for (let i = 0; i < n; i++) {
    const row = i * D;
    for (let a = 0; a < D; a++) {
      const ja = J[row + a];
      if (ja === 0) continue;
      for (let b = 0; b <= a; b++) G[a * D + b] += ja * J[row + b];
    }
  }
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) G[b * D + a] = G[a * D + b];
  const GL = new Float64Array(D * D);
  for (let a = 0; a < D; a++) {
    for (let k = 0; k < D; k++) {
      const g = G[a * D + k];
      if (g === 0) continue;
      for (let b = 0; b <= k; b++) GL[a * D + b] += g * L[k * D + b];
    }
  }
  const s2n = noiseSd * noiseSd;
  const r = new Float64Array(n);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    r[i] = y[i] - f[i];
    sq += r[i] * r[i];
  }
  for (let a = 0; a < D; a++) for (let b = 0; b <= a; b++) sq += GL[a * D + b] * L[a * D + b];
  const expectedLogLik = -0.5 * n * (LOG_2PI + Math.log(s2n)) - sq / (2 * s2n);
  const diagSigma = new Float64Array(D);
  for (let j = 0; j < D; j++) for (let k = 0; k <= j; k++) diagSigma[j] += L[j * D + k] ** 2;
  const priorVar = new Float64Array(D);
  const priorVars = layerRanges(sizes).map(([a, b]) => {
    let ss = 0;
    for (let j = a; j < b; j++) ss += q.mean[j] ** 2 + diagSigma[j];
    const s2 = prior.kind === 'estimate' ? ss / (b - a) : prior.variance;
    priorVar.fill(s2, a, b);
    return s2;
  });
  let kl = -0.5 * D;
  for (let j = 0; j < D; j++) kl += 0.5 * ((diagSigma[j] + q.mean[j] ** 2) / priorVar[j] + Math.log(priorVar[j])) - q.logDiag[j];
  const gMean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) gMean[j] += (J[i * D + j] * r[i]) / s2n;
  for (let j = 0; j < D; j++) gMean[j] -= q.mean[j] / priorVar[j];
  // ∂/∂L = −(JᵀJ L) / σ² − S⁻¹ L
  const gOff = new Float64Array(D * D);
  const gLogDiag = new Float64Array(D);
  for (let a = 0; a < D; a++) {
    for (let b = 0; b <= a; b++) {
      const g = -GL[a * D + b] / s2n - L[a * D + b] / priorVar[a];
      if (b < a) gOff[a * D + b] = g;
      else gLogDiag[a] = g * L[a * D + a] + 1;
    }
  }
  return { elbo: expectedLogLik - kl, expectedLogLik, kl, priorVars, gMean, gOff, gLogDiag, gLogNoiseSd: sq / s2n - n };
}

/** What the predictive needs from a fitted linearized q. */
export interface LinearizedValues {
  kind: 'linearized';
  sizes: number[];
  mean: PointLayers;
  /** L, D×D row-major lower-triangular */
  chol: Float64Array;
}

/** Σ = L Lᵀ as a D×D row-major array. */
export function covarianceOf(v: LinearizedValues): Float64Array {
  const D = Math.round(Math.sqrt(v.chol.length));
  const S = new Float64Array(D * D);
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) for (let k = 0; k <= Math.min(a, b); k++) S[a * D + b] += v.chol[a * D + k] * v.chol[b * D + k];
  return S;
}

/**
 * S whole-function draws of the linearized predictive, f_s(x) = f_m(x) + J(x) L ε_s with one
 * ε_s ~ N(0, I_D) per draw shared by every x: [S × xs.length], row s = draw s.
 */
export function linearizedDraws(v: LinearizedValues, xs: ArrayLike<number>, S: number, rng: Rng): Float64Array {
  const D = Math.round(Math.sqrt(v.chol.length));
  const nx = xs.length;
  const { f, J } = jacobian(v.mean, xs);
  const JL = matMul(J, v.chol, nx, D, D);
  const out = new Float64Array(S * nx);
  const eps = new Float64Array(D);
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < D; k++) eps[k] = rng.normal();
    for (let i = 0; i < nx; i++) {
      let t = f[i];
      for (let k = 0; k < D; k++) t += JL[i * D + k] * eps[k];
      out[s * nx + i] = t;
    }
  }
  return out;
}
