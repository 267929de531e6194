/**
 * ADVI (Kucukelbir et al. 2017) on the smallest constrained example: one unit's latent Poisson
 * rate λ > 0, drawn from a population Gamma(a, b) (shape, rate) whose parameters are fixed, and
 * counts x_i | λ ~ Poisson(λ), i = 1..n.
 *
 * ADVI moves λ to the real line, ζ = log λ, and fits q(ζ) = N(m, s²) there. The density of ζ
 * carries the Jacobian |dλ/dζ| = e^ζ:
 *   log p(x, ζ) = log p(x, λ = e^ζ) + ζ = A ζ − B e^ζ + C,   A = a + Σx, B = b + n,
 *   C = a log b − log Γ(a) − Σ log x_i!.
 * Here even the ELBO is closed form, E_q[e^ζ] = e^{m + s²/2}:
 *   ELBO(m, s) = A m − B e^{m + s²/2} + C + log s + ½ log(2πe),
 * maximized at s² = 1/A, m = log(A/B) − 1/(2A), where E_q[λ] = A/B is exactly the posterior mean
 * of the Gamma(A, B) posterior. Dropping the Jacobian replaces A by A − 1 and lands on the
 * posterior mode instead.
 */
import { createRng } from '../../random';
import { logGamma } from './logGamma';

export interface PoissonGammaProblem {
  a: number;
  b: number;
  counts: number[];
}

/** The chapter's worked example: seven counts, population Gamma(2, 0.5). */
export const ADVI_EXAMPLE: PoissonGammaProblem = { a: 2, b: 0.5, counts: [2, 4, 3, 0, 5, 3, 1] };

function constants(p: PoissonGammaProblem, jacobian: boolean): { A: number; B: number; C: number } {
  let sum = 0;
  let logFact = 0;
  for (const x of p.counts) {
    sum += x;
    logFact += logGamma(x + 1);
  }
  return { A: p.a + sum - (jacobian ? 0 : 1), B: p.b + p.counts.length, C: p.a * Math.log(p.b) - logGamma(p.a) - logFact };
}

/** log p(x) = C + log Γ(A) − A log B: the marginal likelihood the ELBO bounds. */
export function poissonGammaLogEvidence(p: PoissonGammaProblem): number {
  const { A, B, C } = constants(p, true);
  return C + logGamma(A) - A * Math.log(B);
}

export function adviElbo(p: PoissonGammaProblem, m: number, logS: number): number {
  const { A, B, C } = constants(p, true);
  const s2 = Math.exp(2 * logS);
  return A * m - B * Math.exp(m + s2 / 2) + C + logS + 0.5 * Math.log(2 * Math.PI * Math.E);
}

/** The closed-form ADVI optimum (with or without the Jacobian term). */
export function adviOptimum(p: PoissonGammaProblem, jacobian = true): { m: number; logS: number; meanLambda: number } {
  const { A, B } = constants(p, jacobian);
  const m = Math.log(A / B) - 1 / (2 * A);
  return { m, logS: -0.5 * Math.log(A), meanLambda: A / B };
}

export interface AdviFit {
  m: number;
  logS: number;
  /** E_q[λ] = e^{m + s²/2}. */
  meanLambda: number;
  elbo: number;
}

/**
 * Stochastic ADVI: reparameterized gradients ζ = m + s ε with `samples` draws per step, step
 * sizes ρ_t = lr (1 + t/100)^(−0.7) (Robbins–Monro), iterates averaged over the second half.
 *   ∂/∂m = A − B e^ζ,   ∂/∂ω = (A − B e^ζ) s ε + 1   (ω = log s; the +1 is the entropy).
 */
export function fitAdvi(p: PoissonGammaProblem, opts: { steps: number; samples: number; lr: number; seed: number; jacobian?: boolean }): AdviFit {
  const { A, B } = constants(p, opts.jacobian ?? true);
  const rng = createRng(opts.seed);
  let m = 0;
  let w = 0;
  let avgM = 0;
  let avgW = 0;
  let kept = 0;
  for (let t = 0; t < opts.steps; t++) {
    const s = Math.exp(w);
    let gm = 0;
    let gw = 0;
    for (let i = 0; i < opts.samples; i++) {
      const e = rng.normal();
      const d = A - B * Math.exp(m + s * e);
      gm += d;
      gw += d * s * e + 1;
    }
    const rho = opts.lr * Math.pow(1 + t / 100, -0.7);
    // Gradients are scaled by 1/A so one step size suits any amount of data.
    m += (rho * gm) / opts.samples / A;
    w += (rho * gw) / opts.samples;
    if (t >= opts.steps / 2) {
      avgM += m;
      avgW += w;
      kept++;
    }
  }
  m = avgM / kept;
  w = avgW / kept;
  return { m, logS: w, meanLambda: Math.exp(m + Math.exp(2 * w) / 2), elbo: adviElbo(p, m, w) };
}
