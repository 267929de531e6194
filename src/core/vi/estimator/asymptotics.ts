/**
 * Large-n theory for the two estimators of randomEffectsEstimators.ts (chapter 9): the limit θ† of
 * the variational estimate, the asymptotic standard deviations (sandwich) and the asymptotic
 * means of the naive and curvature standard errors, and the coverage each Wald interval reaches.
 *
 * With S = τ*² + a the variance of a group mean, E d² = S and Var d² = 2S² at μ = μ*, so per group
 *   A_μμ = 1/(t + a),  B_μμ = S/(t + a)²,  A_μt = B_μt = 0,
 *   A_tt = −1/(2t²) + S/(t + a)³ + v₀/t³,   B_tt = S²/(2(t + a)⁴)          (variational),
 *   A_tt = B_tt = 1/(2S²) at t = τ*²                                        (MLE, from ℓ₁ itself).
 * The MLE's entries come from differentiating ℓ₁ = −½ log(t + a) − d²/(2(t + a)), not from putting
 * v₀ = v_θ* into the variational ones: that is a fixed-variance family that happens to be exact at
 * the truth, still penalized by Δ(t) elsewhere, with A_tt = 1/(2S²) + a²/(2S²τ*⁴) and B_tt = 1/(2S²).
 */
import { familyVariance, groupSamplingVariance, variationalTau2, type Design, type EstimatorKind } from './randomEffectsEstimators';

export interface AsymptoticSummary {
  /** the limit of the estimate of τ² as n → ∞ (θ†; τ*² for the MLE) */
  tau2Limit: number;
  /** n · Var, the sandwich variances [μ, τ²] (the true sampling variances to first order) */
  sandwichVar: [number, number];
  naiveVar: [number, number];
  curvatureVar: [number, number];
}

/** The diagonals of A = −E∇²ℓ̃₁ and B = E∇ℓ̃₁∇ℓ̃₁ᵀ at θ† (off-diagonals vanish): [μμ, tt]. */
export function sandwichParts(kind: EstimatorKind, tau2Star: number, design: Design): { A: [number, number]; B: [number, number]; tau2Limit: number } {
  const a = groupSamplingVariance(design);
  const S = tau2Star + a;
  if (kind === 'mle') return { A: [1 / S, 1 / (2 * S * S)], B: [1 / S, 1 / (2 * S * S)], tau2Limit: tau2Star };
  const v0 = familyVariance(design);
  const t = variationalTau2(S, a, v0);
  const u = t + a;
  return { A: [1 / u, -1 / (2 * t * t) + S / u ** 3 + v0 / t ** 3], B: [S / (u * u), (S * S) / (2 * u ** 4)], tau2Limit: t };
}

export function asymptotics(kind: EstimatorKind, tau2Star: number, design: Design): AsymptoticSummary {
  const a = groupSamplingVariance(design);
  const S = tau2Star + a;
  if (kind === 'mle') {
    return { tau2Limit: tau2Star, sandwichVar: [S, 2 * S * S], naiveVar: [tau2Star, 2 * tau2Star * tau2Star], curvatureVar: [S, 2 * S * S] };
  }
  const { A, B, tau2Limit: t } = sandwichParts('variational', tau2Star, design);
  const u = t + a;
  const [aTT, bTT] = [A[1], B[1]];
  return { tau2Limit: t, sandwichVar: [S, bTT / (aTT * aTT)], naiveVar: [t, 2 * t * t], curvatureVar: [u, 1 / aTT] };
}

/**
 * The large-J expansion of the limit: τ² † = τ*² + (c − 1) a + O(a²), a = σ²/J (chapter 9, eq. limit-expansion).
 */
export function limitExpansion(tau2Star: number, design: Design): number {
  return tau2Star + (design.c - 1) * groupSamplingVariance(design);
}

/**
 * The second-order expansion, τ² † = τ*² + (c − 1)a + (2c − 1)a²/τ*² + O(a³) (chapter 9): at c = 1
 * the bias is a²/τ*² = σ⁴/(J² τ*²) to leading order.
 */
export function limitExpansion2(tau2Star: number, design: Design): number {
  const a = groupSamplingVariance(design);
  return tau2Star + (design.c - 1) * a + ((2 * design.c - 1) * a * a) / tau2Star;
}

/**
 * g'(τ² †) for g(t) = (t − v₀)(t + a)² − (τ*² + a)t², the slope of the limit equation at its largest
 * root: positive iff that root is simple (theorem limit's hypothesis).
 */
export function limitRootSlope(tau2Star: number, design: Design): number {
  const a = groupSamplingVariance(design);
  const v0 = familyVariance(design);
  const t = variationalTau2(tau2Star + a, a, v0);
  return (t + a) ** 2 + 2 * (t - v0) * (t + a) - 2 * (tau2Star + a) * t;
}

/**
 * With u = t/a, g(t) = a t² [h(u) − S/a], h(u) = (u − c)(1 + 1/u)², h'(u) = (u + 1)(u² − u + 2c)/u³.
 * For c > 1/8, h is increasing and the largest root is always simple. For c < 1/8, h has a local
 * minimum at u₊ = (1 + √(1 − 8c))/2 and the largest root is double exactly when S/a = h(u₊): this
 * returns that value of S/a = 1 + τ*²/a (NaN for c ≥ 1/8).
 */
export function doubleRootRatio(c: number): number {
  if (!(c < 1 / 8)) return NaN;
  const u = (1 + Math.sqrt(1 - 8 * c)) / 2;
  return (u - c) * (1 + 1 / u) ** 2;
}

/** Φ(x), the standard normal CDF (erfc by a Chebyshev fit, fractional error below 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/**
 * Coverage of est ± z·se for a normal estimate with bias b and sd σ, when se is (to first order)
 * the constant se: P(|b + σZ| ≤ z se) = Φ((z se − b)/σ) − Φ((−z se − b)/σ).
 */
export function waldCoverage(bias: number, sd: number, se: number, z = 1.959963984540054): number {
  return normalCdf((z * se - bias) / sd) - normalCdf((-z * se - bias) / sd);
}
