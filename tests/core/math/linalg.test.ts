import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskySolve,
  identity,
  inverse,
  logDet,
  logDetFromCholesky,
  matmul,
  solve,
  transpose,
} from '../../../src/core/math/linalg';
import { createRng } from '../../../src/core/random';

/** A random SPD matrix B Bᵀ + d I. */
function randomSpd(d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const b = Float64Array.from({ length: d * d }, () => rng.normal());
  const a = matmul(b, transpose(b, d, d), d, d, d);
  for (let i = 0; i < d; i++) a[i * d + i] += d;
  return a;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('dense linear algebra', () => {
  it('Cholesky reproduces A = L Lᵀ with L lower triangular', () => {
    for (const d of [1, 2, 3, 7]) {
      const a = randomSpd(d, d);
      const l = cholesky(a, d)!;
      for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(l[i * d + j]).toBe(0);
      expect(maxAbsDiff(matmul(l, transpose(l, d, d), d, d, d), a)).toBeLessThan(1e-10);
    }
  });

  it('Cholesky rejects an indefinite matrix', () => {
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull();
    expect(cholesky([1, 1, 1, 1], 2)).toBeNull();
  });

  it('solve and choleskySolve give A x = b', () => {
    const d = 5;
    const a = randomSpd(d, 11);
    const b = [1, -2, 3, 0.5, 4];
    const x1 = solve(a, b, d);
    const x2 = choleskySolve(cholesky(a, d)!, b, d);
    expect(maxAbsDiff(matmul(a, x1, d, d, 1), b)).toBeLessThan(1e-10);
    expect(maxAbsDiff(x1, x2)).toBeLessThan(1e-10);
  });

  it('solve handles a matrix that needs pivoting and rejects a singular one', () => {
    const x = solve([0, 1, 1, 0], [2, 3], 2);
    expect(Array.from(x)).toEqual([3, 2]);
    expect(() => solve([1, 2, 2, 4], [1, 1], 2)).toThrow(/singular/);
  });

  it('inverse gives A A⁻¹ = I', () => {
    const d = 6;
    const a = randomSpd(d, 3);
    expect(maxAbsDiff(matmul(a, inverse(a, d), d, d, d), identity(d))).toBeLessThan(1e-10);
  });

  it('log-determinant matches the closed form 2×2 and the product of a triangular diagonal', () => {
    const { logAbsDet, sign } = logDet([3, 1, 2, 4], 2); // det = 10
    expect(sign).toBe(1);
    expect(logAbsDet).toBeCloseTo(Math.log(10), 12);
    const neg = logDet([1, 2, 3, 4], 2); // det = -2
    expect(neg.sign).toBe(-1);
    expect(neg.logAbsDet).toBeCloseTo(Math.log(2), 12);
    const a = randomSpd(4, 9);
    expect(logDetFromCholesky(cholesky(a, 4)!, 4)).toBeCloseTo(logDet(a, 4).logAbsDet, 10);
    expect(logDet([1, 2, 2, 4], 2).sign).toBe(0);
  });
});
