/**
 * A VAE with two stochastic layers and top-down inference (the ladder VAE of Sønderby et al.
 * 2016), on the chapter's digits:
 *
 *   generative   p(z₂) = N(0, I),  p(z₁|z₂) = N(μ_p(z₂), diag σ²_p(z₂)),  p(x|z₁) Bernoulli(sigmoid ℓ(z₁))
 *   inference    bottom-up (deterministic)  h = relu(x E1 + e1) [B,H],  g = relu(h E2 + e2) [B,H₂]
 *                q(z₂|x) = N(μ₂, σ₂²),  (μ₂, log σ₂²) = g Q2 + q2
 *                q(z₁|z₂,x) = N(μ_q, σ_q²): the bottom-up guess (μ̂, log σ̂²) = h Q1 + q1 merged with
 *                the top-down prior by precision weighting, σ_q⁻² = σ̂⁻² + σ_p⁻²,
 *                μ_q = (μ̂ σ̂⁻² + μ_p σ_p⁻²) σ_q²
 *
 * so the posterior over z₁ shares the prior's top-down path (the decoder's p(z₁|z₂) is reused by
 * the encoder), which is what makes the inference "top-down".
 *
 * ELBO(x) = E_q[log p(x|z₁)] − KL(q(z₂|x) ‖ p(z₂)) − E_{q(z₂|x)}[KL(q(z₁|z₂,x) ‖ p(z₁|z₂))],
 * both KLs in closed form given z₂; the outer expectation over z₂ is sampled.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import { softplus } from '../model';

export interface HvaeShape {
  /** D: pixels per image */
  inputDim: number;
  /** H: hidden units of the first bottom-up layer and of the decoder p(x|z₁) */
  hidden: number;
  /** H₂: hidden units of the second bottom-up layer and of p(z₁|z₂) */
  hidden2: number;
  /** L₁: dimension of the lower latent z₁ */
  latent1: number;
  /** L₂: dimension of the top latent z₂ */
  latent2: number;
}

export const HVAE_PARAM_NAMES = ['E1', 'e1', 'Q1', 'q1', 'E2', 'e2', 'Q2', 'q2', 'P1', 'p1', 'P2', 'p2', 'D1', 'd1', 'D2', 'd2'] as const;
export type HvaeParamName = (typeof HVAE_PARAM_NAMES)[number];

/** Shapes of the sixteen tensors, in HVAE_PARAM_NAMES order. */
export function hvaeParamShapes(s: HvaeShape): Record<HvaeParamName, number[]> {
  const { inputDim: D, hidden: H, hidden2: H2, latent1: L1, latent2: L2 } = s;
  return {
    E1: [D, H],
    e1: [H],
    Q1: [H, 2 * L1],
    q1: [2 * L1],
    E2: [H, H2],
    e2: [H2],
    Q2: [H2, 2 * L2],
    q2: [2 * L2],
    P1: [L2, H2],
    p1: [H2],
    P2: [H2, 2 * L1],
    p2: [2 * L1],
    D1: [L1, H],
    d1: [H],
    D2: [H, D],
    d2: [D],
  };
}

export function hvaeParameterCount(s: HvaeShape): number {
  return Object.values(hvaeParamShapes(s)).reduce((n, sh) => n + sh.reduce((a, b) => a * b, 1), 0);
}

/** The weights as plain arrays, in HVAE_PARAM_NAMES order. */
export type HvaeArrays = Record<HvaeParamName, Float32Array>;
export type HvaeWeights = Record<HvaeParamName, tf.Tensor>;

const RELU_INPUT = new Set<HvaeParamName>(['E1', 'E2', 'P1', 'D1']);

/**
 * He-normal weights into ReLU layers, Glorot-normal for the heads, zero biases; the decoder's
 * output bias starts at logit(mean intensity) when given.
 */
export function initialHvaeArrays(s: HvaeShape, rng: Rng, meanImage?: Float32Array): HvaeArrays {
  const shapes = hvaeParamShapes(s);
  const out = {} as HvaeArrays;
  for (const name of HVAE_PARAM_NAMES) {
    const sh = shapes[name];
    const a = new Float32Array(sh.reduce((x, y) => x * y, 1));
    if (sh.length === 2) {
      const [fanIn, fanOut] = sh;
      const std = RELU_INPUT.has(name) ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
      for (let i = 0; i < a.length; i++) a[i] = std * rng.normal();
    } else if (name === 'd2' && meanImage) {
      for (let i = 0; i < a.length; i++) {
        const p = Math.min(1 - 1e-3, Math.max(1e-3, meanImage[i]));
        a[i] = Math.log(p / (1 - p));
      }
    }
    out[name] = a;
  }
  return out;
}

export function checkArrays(s: HvaeShape, arrays: HvaeArrays): void {
  const shapes = hvaeParamShapes(s);
  for (const name of HVAE_PARAM_NAMES) {
    const n = shapes[name].reduce((a, b) => a * b, 1);
    if (!arrays[name] || arrays[name].length !== n) throw new Error(`HVAE weights: ${name} needs ${n} values, got ${arrays[name]?.length ?? 0}`);
  }
}

/**
 * y = x W + b with a hand-written gradient whose matMuls take operands in plain layout (the
 * transposes formed explicitly): tfjs autodiff's transposed-operand matMuls run about ten times
 * slower on the wasm backend (see ../gradient.ts). With `dataInput`, x is data and gets a zero
 * gradient instead of the [B,H]·[H,D] product nobody uses.
 */
function affine(x: tf.Tensor2D, W: tf.Tensor, b: tf.Tensor, dataInput: boolean): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, Wi, bi, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([xi, Wi]);
    return {
      value: tf.fused.matMul({ a: xi as tf.Tensor2D, b: Wi as tf.Tensor2D, bias: bi }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const g = dy as tf.Tensor2D;
        const [xs, Ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dx = dataInput ? tf.zerosLike(xs) : tf.matMul(g, tf.transpose(Ws));
        const dW = tf.matMul(tf.transpose(xs), g);
        const db = tf.reshape(tf.matMul(tf.ones([1, g.shape[0]]), g), [g.shape[1]]);
        return [dx, dW, db];
      },
    };
  });
  return op(x, W, b) as tf.Tensor2D;
}

function dense(x: tf.Tensor2D, W: tf.Tensor, b: tf.Tensor, relu: boolean, dataInput = false): tf.Tensor2D {
  const y = affine(x, W, b, dataInput);
  return relu ? tf.relu(y) : y;
}

function halves(t: tf.Tensor2D, L: number): [tf.Tensor2D, tf.Tensor2D] {
  return tf.split(t, [L, L], 1) as [tf.Tensor2D, tf.Tensor2D];
}

/**
 * Bottom-up pass: q(z₂|x) and the bottom-up guess for z₁.
 * @param x [B, D]
 */
export function bottomUp(w: HvaeWeights, x: tf.Tensor2D, s: HvaeShape) {
  const h = dense(x, w.E1, w.e1, true, true);
  const [muHat, logvarHat] = halves(dense(h, w.Q1, w.q1, false), s.latent1);
  const g = dense(h, w.E2, w.e2, true);
  const [mu2, logvar2] = halves(dense(g, w.Q2, w.q2, false), s.latent2);
  return { muHat, logvarHat, mu2, logvar2 };
}

/** p(z₁|z₂): mean and log-variance. @param z2 [B, L₂] */
export function priorZ1(w: HvaeWeights, z2: tf.Tensor2D, s: HvaeShape) {
  const t = dense(z2, w.P1, w.p1, true);
  const [muP, logvarP] = halves(dense(t, w.P2, w.p2, false), s.latent1);
  return { muP, logvarP };
}

/**
 * Precision-weighted merge of two diagonal Gaussians (the ladder VAE's q(z₁|z₂,x)):
 * σ_q² = σ̂² σ_p²/(σ̂² + σ_p²), so log σ_q² = log σ̂² − softplus(log σ̂² − log σ_p²), and
 * μ_q = μ̂ sigmoid(log σ_p² − log σ̂²) + μ_p sigmoid(log σ̂² − log σ_p²).
 */
export function precisionMerge(muHat: tf.Tensor, logvarHat: tf.Tensor, muP: tf.Tensor, logvarP: tf.Tensor) {
  const diff = tf.sub(logvarHat, logvarP);
  const logvarQ = tf.sub(logvarHat, softplus(diff));
  const muQ = tf.add(tf.mul(muHat, tf.sigmoid(tf.neg(diff))), tf.mul(muP, tf.sigmoid(diff)));
  return { muQ, logvarQ };
}

/** μ + σ ε. */
export function reparameterize(mu: tf.Tensor, logvar: tf.Tensor, eps: tf.Tensor): tf.Tensor2D {
  return tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
}

/** Decoder logits ℓ(z₁). @param z1 [B, L₁] @returns [B, D] */
export function decodeLogits(w: HvaeWeights, z1: tf.Tensor2D): tf.Tensor2D {
  return dense(dense(z1, w.D1, w.d1, true), w.D2, w.d2, false);
}

/** KL(N(μ, e^{lv}) ‖ N(0, 1)) per coordinate: ½(μ² + e^{lv} − 1 − lv). */
export function klStandard(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 0.5);
}

/** KL(N(μ_q, e^{lq}) ‖ N(μ_p, e^{lp})) per coordinate: ½(lp − lq + (e^{lq} + (μ_q − μ_p)²) e^{−lp} − 1). */
export function klGaussians(muQ: tf.Tensor, logvarQ: tf.Tensor, muP: tf.Tensor, logvarP: tf.Tensor): tf.Tensor {
  const ratio = tf.mul(tf.add(tf.exp(logvarQ), tf.square(tf.sub(muQ, muP))), tf.exp(tf.neg(logvarP)));
  return tf.mul(tf.sub(tf.add(tf.sub(logvarP, logvarQ), ratio), 1), 0.5);
}

/** Bernoulli log-likelihood per row: Σ_d x_d ℓ_d − softplus(ℓ_d). */
export function bernoulliLogLik(logits: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.sum(tf.sub(tf.mul(x, logits), softplus(logits)), -1);
}

/**
 * One reparameterized pass through the whole model.
 * @param x [B, D] @param eps1 [B, L₁] @param eps2 [B, L₂]
 * @returns per-digit recon [B], per-digit-and-dimension KLs kl1 [B, L₁] and kl2 [B, L₂], and the
 * distributions and samples along the way
 */
export function forwardPass(w: HvaeWeights, x: tf.Tensor2D, eps1: tf.Tensor2D, eps2: tf.Tensor2D, s: HvaeShape) {
  const up = bottomUp(w, x, s);
  const z2 = reparameterize(up.mu2, up.logvar2, eps2);
  const { muP, logvarP } = priorZ1(w, z2, s);
  const { muQ, logvarQ } = precisionMerge(up.muHat, up.logvarHat, muP, logvarP);
  const z1 = reparameterize(muQ, logvarQ, eps1);
  const logits = decodeLogits(w, z1);
  return {
    recon: bernoulliLogLik(logits, x),
    kl1: klGaussians(muQ, logvarQ, muP, logvarP),
    kl2: klStandard(up.mu2, up.logvar2),
    mu2: up.mu2,
    logvar2: up.logvar2,
    muQ,
    logvarQ,
    muP,
    logvarP,
    z1,
    z2,
    logits,
  };
}

export interface HvaeObjectiveOptions {
  /** β: weight of both KL terms (warm-up raises it from 0 to 1) */
  klWeight: number;
  /** λ: free-bits floor per latent dimension (nats), applied to each layer's batch-mean KL; 0 disables */
  freeBits: number;
}

/**
 * The training objective, to be maximized:
 *   J = (1/B) Σ_b log p(x_b|z₁,b) − β Σ_layers Σ_d max(λ, (1/B) Σ_b KL_{b,d}).
 * With β = 1 and λ = 0, J is the single-sample ELBO estimate.
 * @returns loss = −J (scalar), and the unweighted batch means recon, kl1 [L₁], kl2 [L₂]
 */
export function hvaeObjective(w: HvaeWeights, x: tf.Tensor2D, eps1: tf.Tensor2D, eps2: tf.Tensor2D, s: HvaeShape, o: HvaeObjectiveOptions) {
  const f = forwardPass(w, x, eps1, eps2, s);
  const recon = tf.mean(f.recon);
  const kl1 = tf.mean(f.kl1, 0);
  const kl2 = tf.mean(f.kl2, 0);
  const floor = (k: tf.Tensor) => tf.sum(o.freeBits > 0 ? tf.maximum(k, o.freeBits) : k);
  const loss = tf.sub(tf.mul(tf.add(floor(kl1), floor(kl2)), o.klWeight), recon) as tf.Scalar;
  return { loss, recon, kl1, kl2 };
}
