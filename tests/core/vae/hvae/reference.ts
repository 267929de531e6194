/**
 * An independent float64 implementation of the two-layer VAE's objective, in plain JavaScript,
 * written from the math (not from src/core/vae/hvae/model.ts): direct precision weighting
 * 1/σ_q² = 1/σ̂² + 1/σ_p², log-sigmoid Bernoulli likelihood, the textbook Gaussian KLs and
 * log-densities. The tests compare tfjs (float32, autodiff through the custom matMul gradient)
 * against it.
 */
import { HVAE_PARAM_NAMES, hvaeParamShapes, type HvaeArrays, type HvaeShape } from '../../../../src/core/vae/hvae/model';

export type Params64 = Record<string, Float64Array>;

export function toParams64(a: HvaeArrays): Params64 {
  const out: Params64 = {};
  for (const n of HVAE_PARAM_NAMES) out[n] = Float64Array.from(a[n]);
  return out;
}

function dense(x: number[], W: Float64Array, b: Float64Array, inDim: number, outDim: number, relu: boolean): number[] {
  const y: number[] = [];
  for (let j = 0; j < outDim; j++) {
    let s = b[j];
    for (let i = 0; i < inDim; i++) s += x[i] * W[i * outDim + j];
    y.push(relu ? Math.max(0, s) : s);
  }
  return y;
}

const softplus = (a: number) => Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
const logNormal = (z: number, mu: number, v: number) => -0.5 * (Math.log(2 * Math.PI * v) + ((z - mu) * (z - mu)) / v);

export interface DigitTerms {
  recon: number;
  kl1: number[];
  kl2: number[];
  /** log p(x|z₁) + log p(z₁|z₂) + log p(z₂) − log q(z₁|z₂,x) − log q(z₂|x) */
  logWeight: number;
  /** the draws; with ε₁ = ε₂ = 0 they are the means μ₂(x) and μ_q(x, μ₂(x)) */
  z1: number[];
  z2: number[];
}

/** One digit, one draw (ε₁, ε₂). */
export function digitTerms(p: Params64, s: HvaeShape, x: ArrayLike<number>, eps1: ArrayLike<number>, eps2: ArrayLike<number>): DigitTerms {
  const { inputDim: D, hidden: H, hidden2: H2, latent1: L1, latent2: L2 } = s;
  const xs = Array.from(x);
  const h = dense(xs, p.E1, p.e1, D, H, true);
  const q1 = dense(h, p.Q1, p.q1, H, 2 * L1, false);
  const g = dense(h, p.E2, p.e2, H, H2, true);
  const q2 = dense(g, p.Q2, p.q2, H2, 2 * L2, false);
  const z2: number[] = [];
  const kl2: number[] = [];
  let logQ = 0;
  let logP = 0;
  for (let d = 0; d < L2; d++) {
    const mu = q2[d];
    const v = Math.exp(q2[L2 + d]);
    z2.push(mu + Math.sqrt(v) * eps2[d]);
    kl2.push(0.5 * (mu * mu + v - 1 - Math.log(v)));
    logQ += logNormal(z2[d], mu, v);
    logP += logNormal(z2[d], 0, 1);
  }
  const t = dense(z2, p.P1, p.p1, L2, H2, true);
  const pr = dense(t, p.P2, p.p2, H2, 2 * L1, false);
  const z1: number[] = [];
  const kl1: number[] = [];
  for (let d = 0; d < L1; d++) {
    const vHat = Math.exp(q1[L1 + d]);
    const vP = Math.exp(pr[L1 + d]);
    const muP = pr[d];
    const vQ = 1 / (1 / vHat + 1 / vP);
    const muQ = (q1[d] / vHat + muP / vP) * vQ;
    z1.push(muQ + Math.sqrt(vQ) * eps1[d]);
    kl1.push(0.5 * (Math.log(vP / vQ) + (vQ + (muQ - muP) ** 2) / vP - 1));
    logQ += logNormal(z1[d], muQ, vQ);
    logP += logNormal(z1[d], muP, vP);
  }
  const u = dense(z1, p.D1, p.d1, L1, H, true);
  const l = dense(u, p.D2, p.d2, H, D, false);
  let recon = 0;
  for (let d = 0; d < D; d++) recon += xs[d] * -softplus(-l[d]) + (1 - xs[d]) * -softplus(l[d]);
  return { recon, kl1, kl2, logWeight: recon + logP - logQ, z1, z2 };
}

/**
 * J = (1/B) Σ_b recon_b − β Σ_layers Σ_d max(λ, (1/B) Σ_b KL_{b,d}) for a batch.
 * @param x [B, D] @param eps1 [B, L₁] @param eps2 [B, L₂]
 */
export function objective64(p: Params64, s: HvaeShape, x: ArrayLike<number>, eps1: ArrayLike<number>, eps2: ArrayLike<number>, B: number, beta: number, lambda: number): number {
  const { inputDim: D, latent1: L1, latent2: L2 } = s;
  let recon = 0;
  const k1 = new Float64Array(L1);
  const k2 = new Float64Array(L2);
  for (let b = 0; b < B; b++) {
    const sl = (a: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => a[b * n + i]);
    const r = digitTerms(p, s, sl(x, D), sl(eps1, L1), sl(eps2, L2));
    recon += r.recon / B;
    r.kl1.forEach((v, d) => (k1[d] += v / B));
    r.kl2.forEach((v, d) => (k2[d] += v / B));
  }
  const floor = (k: Float64Array) => k.reduce((a, v) => a + Math.max(lambda, v), 0);
  return recon - beta * (floor(k1) + floor(k2));
}

export function paramSizes(s: HvaeShape): Record<string, number> {
  const shapes = hvaeParamShapes(s);
  return Object.fromEntries(Object.entries(shapes).map(([n, sh]) => [n, sh.reduce((a, b) => a * b, 1)]));
}
