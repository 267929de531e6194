import { describe, expect, it } from 'vitest';
import { logNormal1d } from '../../../../src/core/math/gaussian';
import { createRng } from '../../../../src/core/random';
import { chapter6Numbers } from '../../../../src/core/vi/amortized/chapterNumbers';
import { CHAIN_PHI, MODEL_SIGMA, simulateAmortizedData } from '../../../../src/core/vi/amortized/models';

/** Posterior mean and sd of z ~ N(0, 1) given x ~ N(z, σ²), by quadrature on a fine grid. */
function conjugatePosterior(x: number): { mean: number; sd: number } {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  for (let k = -80_000; k <= 80_000; k++) {
    const z = k * 1e-4;
    const w = Math.exp(logNormal1d(z, 0, 1) + logNormal1d(x, z, MODEL_SIGMA ** 2));
    w0 += w;
    w1 += w * z;
    w2 += w * z * z;
  }
  const mean = w1 / w0;
  return { mean, sd: Math.sqrt(w2 / w0 - mean * mean) };
}

describe('chapter 6 numbers', () => {
  it("the conjugate model's optimal encoder: slope and sd are the posterior's mean/x and sd, by quadrature at several x", () => {
    const n = chapter6Numbers();
    expect(n.sigma).toBe(MODEL_SIGMA);
    for (const x of [-2.1, 0.7, 1.6]) {
      const p = conjugatePosterior(x);
      expect(n.conjugateSlope * x).toBeCloseTo(p.mean, 7);
      expect(n.conjugateSd).toBeCloseTo(p.sd, 7);
    }
  });

  it('the chain\'s mean-field gap is KL(q* ‖ p(z | x)) = ½(Σ log Λ_ii − log det Λ)/N for the tridiagonal posterior precision Λ', () => {
    const n = chapter6Numbers();
    // same data as the chapter: chain, N = 100, seed 1
    const x = simulateAmortizedData('chain', 100, createRng(1));
    const N = x.length;
    const v = 1 - CHAIN_PHI ** 2;
    // AR(1) prior precision (z₁ ~ N(0, 1), z_i | z_{i−1} ~ N(φ z_{i−1}, 1 − φ²)) plus the likelihood's 1/σ²
    const diag = Float64Array.from({ length: N }, (_, i) => (i === 0 ? 1 + CHAIN_PHI ** 2 / v : i === N - 1 ? 1 / v : (1 + CHAIN_PHI ** 2) / v) + 1 / MODEL_SIGMA ** 2);
    const off = -CHAIN_PHI / v;
    let logDet = 0;
    let d = 0;
    let sumLogDiag = 0;
    for (let i = 0; i < N; i++) {
      d = i === 0 ? diag[0] : diag[i] - (off * off) / d;
      logDet += Math.log(d);
      sumLogDiag += Math.log(diag[i]);
    }
    // the best mean-field Gaussian has the posterior's means and variances 1/Λ_ii, so the gap is the KL between them
    const gap = (0.5 * (sumLogDiag - logDet)) / N;
    expect(gap).toBeGreaterThan(0.01);
    expect(n.chainApproximationGap).toBeCloseTo(gap, 8);
  });

  it('on the chain, neighbours matter: two observations with nearly equal x get clearly different optimal means', () => {
    expect(chapter6Numbers().chainSameXMeanSpread).toBeGreaterThan(0.3);
  });
});
