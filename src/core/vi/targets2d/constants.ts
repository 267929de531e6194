/**
 * The constants of the 2-D targets and their closed-form normalizing constants, without tfjs, so
 * that chapter prose can quote them without loading tfjs on the main thread.
 */
import { normalCdf } from './normalCdf';

/** Banana: x ~ N(0, a²), y | x ~ N(b (x² − a²), c²). p̃ drops the 2π factors: Z = 2π a c. */
export const BANANA = { a: 1.2, b: 0.6, c: 0.4 };
/** Neal's funnel (v vertical): v ~ N(0, s_v²), x | v ~ N(0, e^v). p̃ drops 2π factors: Z = 2π s_v. */
export const FUNNEL = { sv: 1.5 };
/** Two equal isotropic bumps of width s at ±(m1, m2): Z = 2 · 2π s². */
export const BIMODAL = { m1: 1.5, m2: 1, s: 0.6 };
/** Ring of radius r and radial width s: p̃ = exp(−(|z| − r)² / 2s²). */
export const RING = { r: 2, s: 0.3 };
/** A correlated Gaussian N(μ, Σ), the one target where a full-rank q can be exact. */
export const GAUSSIAN_TARGET = { mean: [0.5, -0.5], cov: [1.5, 0.9, 0.9, 1] } as const;
export const G_DET = GAUSSIAN_TARGET.cov[0] * GAUSSIAN_TARGET.cov[3] - GAUSSIAN_TARGET.cov[1] ** 2;
/** Precision Λ = Σ⁻¹ entries (a, b; b, c). */
export const G_PREC = [GAUSSIAN_TARGET.cov[3] / G_DET, -GAUSSIAN_TARGET.cov[1] / G_DET, GAUSSIAN_TARGET.cov[0] / G_DET];

/** Z = ∫₀^∞ 2πρ exp(−(ρ − r)²/2s²) dρ = 2π [s² e^{−r²/2s²} + r s √(2π) Φ(r/s)]. */
export function ringLogZ(): number {
  const { r, s } = RING;
  return Math.log(2 * Math.PI * (s * s * Math.exp((-0.5 * r * r) / (s * s)) + r * s * Math.sqrt(2 * Math.PI) * normalCdf(r / s)));
}

/** Precision of the Gaussian target (a, b, c) = [[a, b], [b, c]], for closed-form checks. */
export function gaussianTargetPrecision(): [number, number, number] {
  return [G_PREC[0], G_PREC[1], G_PREC[2]];
}

/** log Z of each target in closed form. */
export const TARGET_LOG_Z = {
  banana: Math.log(2 * Math.PI * BANANA.a * BANANA.c),
  funnel: Math.log(2 * Math.PI * FUNNEL.sv),
  bimodal: Math.log(4 * Math.PI * BIMODAL.s * BIMODAL.s),
  ring: ringLogZ(),
  gaussian: Math.log(2 * Math.PI * Math.sqrt(G_DET)),
} as const;
