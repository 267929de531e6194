import { describe, expect, it } from 'vitest';
import { frechetDistance, gaussianStats, sqrtPsd, traceSqrtProduct } from '../../../src/core/metrics/frechet';
import { matmul } from '../../../src/core/math/linalg';
import { createRng } from '../../../src/core/random';

/** A random SPD matrix B Bᵀ + 0.1 I. */
function randomSpd(d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const b = Float64Array.from({ length: d * d }, () => rng.normal());
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = i === j ? 0.1 : 0;
    for (let k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
    out[i * d + j] = s;
  }
  return out;
}

/** Denman–Beavers iteration Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 → (√A, √A⁻¹): independent of any eigensolver. 2×2 inverse in closed form. */
function denmanBeavers2(a: number[]): number[] {
  const inv = (m: number[]) => {
    const det = m[0] * m[3] - m[1] * m[2];
    return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
  };
  let y = a.slice();
  let z = [1, 0, 0, 1];
  for (let k = 0; k < 50; k++) {
    const yi = inv(y);
    const zi = inv(z);
    y = y.map((v, i) => (v + zi[i]) / 2);
    z = z.map((v, i) => (v + yi[i]) / 2);
  }
  return y;
}

describe('Fréchet distance between Gaussians', () => {
  it('the matrix square root squares back to the matrix, and matches Denman–Beavers and the 2×2 closed form', () => {
    const d = 6;
    const a = randomSpd(d, 1);
    const r = sqrtPsd(a, d);
    const rr = matmul(r, r, d, d, d);
    rr.forEach((v, i) => expect(v).toBeCloseTo(a[i], 9));
    const a2 = [2, 0.7, 0.7, 1];
    // √A = (A + √det A · I)/√(tr A + 2√det A) for 2×2 SPD A
    const sd = Math.sqrt(a2[0] * a2[3] - a2[1] * a2[2]);
    const t = Math.sqrt(a2[0] + a2[3] + 2 * sd);
    const closed = [(a2[0] + sd) / t, a2[1] / t, a2[2] / t, (a2[3] + sd) / t];
    const db = denmanBeavers2(a2);
    const ours = sqrtPsd(a2, 2);
    for (let i = 0; i < 4; i++) {
      expect(ours[i]).toBeCloseTo(closed[i], 12);
      expect(db[i]).toBeCloseTo(closed[i], 12);
    }
  });

  it('diagonal covariances: ‖μ₁ − μ₂‖² + Σ(√a_i − √b_i)²', () => {
    const a = [1, 4, 0.25];
    const b = [9, 1, 0.25];
    const diag = (v: number[]) => Float64Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? v[k / 4] : 0));
    const got = frechetDistance(
      { mean: Float64Array.from([0, 1, 2]), cov: diag(a), d: 3 },
      { mean: Float64Array.from([1, 1, 0]), cov: diag(b), d: 3 },
    );
    const want = 1 + 0 + 4 + a.reduce((s, v, i) => s + (Math.sqrt(v) - Math.sqrt(b[i])) ** 2, 0);
    expect(got).toBeCloseTo(want, 10);
  });

  it('non-commuting 2×2 covariances: tr √(Σ₁^{1/2}Σ₂Σ₁^{1/2}) = √(tr Σ₁Σ₂ + 2√(det Σ₁ det Σ₂)), and the distance is 0 at equality and symmetric', () => {
    const s1 = [2, 0.7, 0.7, 1];
    const s2 = [0.5, -0.3, -0.3, 3];
    const trProd = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3];
    const det = (m: number[]) => m[0] * m[3] - m[1] * m[2];
    // for 2×2 M with eigenvalues λ₁, λ₂ ≥ 0: (√λ₁ + √λ₂)² = tr M + 2√det M, M = Σ₁^{1/2}Σ₂Σ₁^{1/2}
    const want = Math.sqrt(trProd + 2 * Math.sqrt(det(s1) * det(s2)));
    expect(traceSqrtProduct(s1, s2, 2)).toBeCloseTo(want, 12);
    const A = { mean: Float64Array.from([0, 0]), cov: Float64Array.from(s1), d: 2 };
    const B = { mean: Float64Array.from([1, -2]), cov: Float64Array.from(s2), d: 2 };
    expect(frechetDistance(A, B)).toBeCloseTo(5 + 3 + 3.5 - 2 * want, 10);
    expect(frechetDistance(B, A)).toBeCloseTo(frechetDistance(A, B), 10);
    expect(frechetDistance(A, A)).toBeLessThan(1e-10);
  });

  it('a sample’s statistics: two large samples of one Gaussian are close, a shifted one is ‖shift‖² away', () => {
    const rng = createRng(5);
    const n = 20000;
    const d = 3;
    const draw = (shift: number) => Float64Array.from({ length: n * d }, (_, k) => rng.normal() * (1 + (k % d)) + (k % d === 0 ? shift : 0));
    const a = gaussianStats(draw(0), n, d);
    expect(frechetDistance(a, gaussianStats(draw(0), n, d))).toBeLessThan(0.01);
    // ‖Δμ‖² = 4 up to sampling noise: Δμ₁ has sd √(2/n) = 0.01, so ‖Δμ‖² ≈ 4 ± 0.04, and the
    // covariance term is as small as in the line above (toBeCloseTo(4, 0) allowed ± 0.5)
    expect(Math.abs(frechetDistance(a, gaussianStats(draw(2), n, d)) - 4)).toBeLessThan(0.1);
  });

  it('says clearly when dimensions differ', () => {
    const a = { mean: new Float64Array(2), cov: new Float64Array(4), d: 2 };
    const b = { mean: new Float64Array(3), cov: new Float64Array(9), d: 3 };
    expect(() => frechetDistance(a, b)).toThrow(/dimensions differ/);
  });
});
