import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import { asymptotics, doubleRootRatio, limitExpansion, limitExpansion2, limitRootSlope, normalCdf, sandwichParts, waldCoverage } from '../../../../src/core/vi/estimator/asymptotics';
import { fitWithStandardErrors, sampleGroupMeans, variationalTau2, type Design } from '../../../../src/core/vi/estimator/randomEffectsEstimators';

describe('large-n theory of the variational estimate', () => {
  it('on one very large data set the variational estimate sits at its closed-form limit θ† (within 4 asymptotic sds), not at θ*', () => {
    for (const [r, d] of ([
      [0, { J: 1, sigma2: 1, c: 0.25 }],
      [1, { J: 1, sigma2: 1, c: 1 }],
      [2, { J: 5, sigma2: 1, c: 0.5 }],
    ] as [number, Design][])) {
      const n = 200_000;
      const xbar = sampleGroupMeans(n, 0, 1, d, createRng(100 + r));
      const f = fitWithStandardErrors('variational', xbar, d);
      const th = asymptotics('variational', 1, d);
      const sd = Math.sqrt(th.sandwichVar[1] / n);
      expect(Math.abs(f.tau2 - th.tau2Limit)).toBeLessThan(4 * sd);
      expect(Math.abs(f.tau2 - 1)).toBeGreaterThan(20 * sd);
      // the plug-in sandwich SE on this data set matches the asymptotic sd
      expect(f.sandwich[1] / sd).toBeGreaterThan(0.97);
      expect(f.sandwich[1] / sd).toBeLessThan(1.03);
    }
  });

  it('θ† = τ*² exactly when the family contains the posterior at the truth (v₀ = aτ*²/(τ*² + a))', () => {
    const tau2 = 1.7;
    const J = 3;
    const a = 1 / J;
    const c = tau2 / (tau2 + a); // v₀ = c a = v*
    expect(asymptotics('variational', tau2, { J, sigma2: 1, c }).tau2Limit).toBeCloseTo(tau2, 10);
    expect(Math.abs(asymptotics('variational', tau2, { J, sigma2: 1, c: 2 * c }).tau2Limit - tau2)).toBeGreaterThan(0.05);
  });

  it('the limit approaches τ*² + (c − 1)σ²/J with an error of order 1/J²', () => {
    for (const c of [0.25, 1, 3]) {
      const err = [10, 100, 1000].map((J) => Math.abs(asymptotics('variational', 1, { J, sigma2: 1, c }).tau2Limit - limitExpansion(1, { J, sigma2: 1, c })));
      expect(err[1] * 100).toBeLessThan(2 * err[0] + 1e-12);
      expect(err[2] * 100).toBeLessThan(2 * err[1] + 1e-12);
      expect(err[2]).toBeLessThan(1e-4);
    }
  });

  it('for the MLE the sandwich equals the inverse information and the naive variance is the complete-data one', () => {
    const d = { J: 1, sigma2: 1, c: 0.25 };
    const th = asymptotics('mle', 1, d);
    expect(th.sandwichVar).toEqual(th.curvatureVar);
    expect(th.naiveVar[0]).toBeLessThan(th.sandwichVar[0]);
    expect(th.naiveVar[1]).toBeLessThan(th.sandwichVar[1]);
  });

  it('Φ and Wald coverage agree with known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    expect(waldCoverage(0, 1, 1)).toBeCloseTo(0.95, 6);
    expect(waldCoverage(0, Math.SQRT2, 1)).toBeCloseTo(2 * normalCdf(1.959963984540054 / Math.SQRT2) - 1, 9);
  });
});

/** 5-point Gauss–Hermite rule for N(0, 1): exact for polynomials of degree ≤ 9 (the objectives are quadratic in d, their squared scores quartic). */
const GH = { x: [0, 1.355626179974266, -1.355626179974266, 2.856970013872806, -2.856970013872806], w: [8 / 15, 0.222075922005613, 0.222075922005613, 0.011257411327720691, 0.011257411327720691] };
const expectOver = (S: number, f: (d: number) => number) => GH.x.reduce((acc, z, k) => acc + GH.w[k] * f(Math.sqrt(S) * z), 0);

/** Per-observation objectives written here from eq. profiled-elbo, independently of the code: ℓ₁ (MLE) and ℓ̃₁ (fixed v₀). */
const ell = (a: number) => (d: number, t: number) => -0.5 * Math.log(t + a) - (d * d) / (2 * (t + a));
const ellTilde = (a: number, v0: number) => (d: number, t: number) => -0.5 * Math.log(t) - (d * d) / (2 * (t + a)) - v0 / (2 * t);

/** A_tt = −E ∂²/∂t², B_tt = E (∂/∂t)², both by central differences of the per-observation objective at t, μ = μ*. */
function numericAB(f: (d: number, t: number) => number, S: number, t: number): [number, number] {
  const h = 1e-4;
  const A = -expectOver(S, (d) => (f(d, t + h) - 2 * f(d, t) + f(d, t - h)) / (h * h));
  const B = expectOver(S, (d) => ((f(d, t + h) - f(d, t - h)) / (2 * h)) ** 2);
  return [A, B];
}

describe('the sandwich for τ² (chapter 9, §sandwich): closed forms against central differences', () => {
  it('MLE: differentiating ℓ₁ gives A_tt = B_tt = 1/(2S²), so n·Var = 2S²', () => {
    for (const [tau2, J] of [[1, 1], [0.4, 3], [2.5, 20]]) {
      const d: Design = { J, sigma2: 1, c: 0.25 };
      const a = 1 / J;
      const S = tau2 + a;
      const [A, B] = numericAB(ell(a), S, tau2);
      const parts = sandwichParts('mle', tau2, d);
      expect(A).toBeCloseTo(1 / (2 * S * S), 6);
      expect(B).toBeCloseTo(1 / (2 * S * S), 6);
      expect(parts.A[1]).toBeCloseTo(A, 6);
      expect(parts.B[1]).toBeCloseTo(B, 6);
      expect(asymptotics('mle', tau2, d).sandwichVar[1]).toBeCloseTo(2 * S * S, 10);
    }
  });

  it('putting v₀ = v_θ* into the variational formulas is NOT the MLE: A_tt = 1/(2S²) + a²/(2S²τ*⁴), B_tt = 1/(2S²), n·Var = 2S²/(1 + a²/τ*⁴)²', () => {
    for (const [tau2, J] of [[1, 1], [0.4, 3], [2.5, 20]]) {
      const a = 1 / J;
      const S = tau2 + a;
      const vStar = (a * tau2) / S;
      const d: Design = { J, sigma2: 1, c: vStar / a };
      const parts = sandwichParts('variational', tau2, d);
      expect(parts.tau2Limit).toBeCloseTo(tau2, 9);
      const [A, B] = numericAB(ellTilde(a, vStar), S, tau2);
      const closedA = 1 / (2 * S * S) + (a * a) / (2 * S * S * tau2 * tau2);
      expect(A / closedA).toBeCloseTo(1, 6);
      expect(B * 2 * S * S).toBeCloseTo(1, 6);
      expect(parts.A[1] / closedA).toBeCloseTo(1, 9);
      expect(parts.B[1] * 2 * S * S).toBeCloseTo(1, 9);
      const v = asymptotics('variational', tau2, d).sandwichVar[1];
      expect(v / ((2 * S * S) / (1 + (a * a) / (tau2 * tau2)) ** 2)).toBeCloseTo(1, 9);
      expect(v).toBeLessThan(2 * S * S); // smaller than the MLE's: the penalty pulls towards the truth it was tuned at
    }
  });

  it('the variational A_tt, B_tt of eq. a-b-closed equal central differences of ℓ̃₁ at θ† for a family that is not exact', () => {
    for (const d of [{ J: 1, sigma2: 1, c: 0.25 }, { J: 1, sigma2: 1, c: 1 }, { J: 7, sigma2: 2, c: 3 }] as Design[]) {
      const a = d.sigma2 / d.J;
      const S = 1 + a;
      const parts = sandwichParts('variational', 1, d);
      const [A, B] = numericAB(ellTilde(a, d.c * a), S, parts.tau2Limit);
      expect(parts.A[1] / A).toBeCloseTo(1, 5);
      expect(parts.B[1] / B).toBeCloseTo(1, 5);
    }
  });
});

describe('the limit equation (theorem limit)', () => {
  it('g(t) = (t − τ*²)(t² + (a²/S)t + a³/S) when v₀ = v_θ*; the quadratic has no real root, so τ*² is the only real root (largest, simple)', () => {
    const rng = createRng(9);
    for (let r = 0; r < 200; r++) {
      const tau2 = 0.05 + 5 * rng.uniform();
      const a = 0.01 + 3 * rng.uniform();
      const S = tau2 + a;
      const v0 = (a * tau2) / S;
      for (const t of [-3, -0.5, 0, 0.3, 1, 2.7, 10]) {
        const g = (t - v0) * (t + a) ** 2 - S * t * t;
        const f = (t - tau2) * (t * t + ((a * a) / S) * t + (a ** 3) / S);
        expect(Math.abs(g - f)).toBeLessThan(1e-9 * (1 + Math.abs(g)));
      }
      expect((a * a / S) ** 2 - (4 * a ** 3) / S).toBeLessThan(0);
      expect(variationalTau2(S, a, v0)).toBeCloseTo(tau2, 9);
      expect(limitRootSlope(tau2, { J: 1 / a, sigma2: 1, c: v0 / a })).toBeGreaterThan(0);
    }
  });

  it('for c > 1/8 the largest root is simple everywhere on the widget’s ranges (g′ > 0 at it)', () => {
    for (const c of [0.13, 0.25, 0.5, 1, 2, 4])
      for (const J of [1, 2, 5, 20, 100, 200])
        for (const tau2 of [0.1, 0.5, 1, 2, 4]) expect(limitRootSlope(tau2, { J, sigma2: 1, c })).toBeGreaterThan(0);
  });

  it('for c < 1/8 the largest root is double at S/a = h(u₊), and there the limit jumps: the hypothesis “simple” is needed', () => {
    const c = 0.05;
    const a = 1;
    const ratio = doubleRootRatio(c);
    expect(Number.isFinite(ratio)).toBe(true);
    expect(Number.isNaN(doubleRootRatio(0.2))).toBe(true);
    const S = ratio * a;
    const below = variationalTau2(S * (1 - 1e-6), a, c * a);
    const above = variationalTau2(S * (1 + 1e-6), a, c * a);
    const uPlus = (1 + Math.sqrt(1 - 8 * c)) / 2;
    expect(above).toBeCloseTo(uPlus * a, 2); // the double root, reached from above
    expect(above - below).toBeGreaterThan(0.3); // s² on either side of S gives limits far apart
    // and g′ = 0 there (a double root)
    const t = uPlus * a;
    expect(Math.abs((t + a) ** 2 + 2 * (t - c * a) * (t + a) - 2 * S * t)).toBeLessThan(1e-9);
  });
});

describe('bias of the limit and the conditions of the chapter', () => {
  it('second order: τ² † − τ*² = (c − 1)a + (2c − 1)a²/τ*² + O(a³); at c = 1 the bias is σ⁴/(J²τ*²) to leading order', () => {
    for (const c of [0.25, 1, 3]) {
      const e = [10, 100].map((J) => Math.abs(asymptotics('variational', 1.5, { J, sigma2: 1, c }).tau2Limit - limitExpansion2(1.5, { J, sigma2: 1, c })));
      expect(e[1] * 500).toBeLessThan(e[0] + 1e-13); // O(a³): a factor ~1000 per factor 10 in J
    }
    for (const J of [50, 200]) {
      const bias = asymptotics('variational', 1.5, { J, sigma2: 1, c: 1 }).tau2Limit - 1.5;
      expect((bias * J * J * 1.5)).toBeCloseTo(1, 1);
    }
  });

  it('the naive variance of μ (τ² †/n) is below the true (τ*² + a)/n iff τ² † < τ*² + a, which for large J is c < 2', () => {
    for (const c of [0.25, 1, 1.9, 2.1, 3])
      for (const J of [1, 10, 200]) {
        const d = { J, sigma2: 1, c };
        const th = asymptotics('variational', 1, d);
        expect(th.naiveVar[0] < th.sandwichVar[0]).toBe(th.tau2Limit < 1 + 1 / J);
        if (J === 200) expect(th.naiveVar[0] < th.sandwichVar[0]).toBe(c < 2);
      }
  });
});
