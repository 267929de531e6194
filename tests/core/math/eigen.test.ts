import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../../src/core/math/eigen';
import { eigen2 } from '../../../src/core/math/linalg2';
import { matmul, transpose } from '../../../src/core/math/linalg';
import { createRng } from '../../../src/core/random';

describe('symmetricEigen (Jacobi)', () => {
  it('diagonalizes random symmetric matrices: A U = U Λ, UᵀU = I, values sorted descending', () => {
    for (const d of [1, 2, 4, 10]) {
      const rng = createRng(100 + d);
      const a = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = i; j < d; j++) a[i * d + j] = a[j * d + i] = rng.normal();
      const { values, vectors } = symmetricEigen(a, d);
      const au = matmul(a, vectors, d, d, d);
      const utu = matmul(transpose(vectors, d, d), vectors, d, d, d);
      for (let i = 0; i < d; i++) {
        if (i > 0) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
        for (let j = 0; j < d; j++) {
          expect(au[i * d + j]).toBeCloseTo(vectors[i * d + j] * values[j], 10);
          expect(utu[i * d + j]).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
      let trace = 0;
      for (let i = 0; i < d; i++) trace += a[i * d + i];
      expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 10);
    }
  });

  it('agrees with the 2×2 closed form', () => {
    const [a, b, c] = [2, 0.7, 1];
    const { values, vectors } = symmetricEigen([a, b, b, c], 2);
    const e = eigen2(a, b, c);
    expect(values[0]).toBeCloseTo(e.l1, 12);
    expect(values[1]).toBeCloseTo(e.l2, 12);
    // first eigenvector parallel to (cos θ, sin θ)
    const cross = vectors[0] * Math.sin(e.angle) - vectors[2] * Math.cos(e.angle);
    expect(Math.abs(cross)).toBeLessThan(1e-12);
  });

  it('finds repeated eigenvalues of a known spectrum Q diag(5, 2, 2, 1) Qᵀ', () => {
    const d = 4;
    const rng = createRng(7);
    // Q from Gram–Schmidt on a random matrix
    const q = Float64Array.from({ length: d * d }, () => rng.normal());
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += q[i * d + j] * q[i * d + k];
        for (let i = 0; i < d; i++) q[i * d + j] -= dot * q[i * d + k];
      }
      let norm = 0;
      for (let i = 0; i < d; i++) norm += q[i * d + j] ** 2;
      for (let i = 0; i < d; i++) q[i * d + j] /= Math.sqrt(norm);
    }
    const lam = [5, 2, 2, 1];
    const ql = Float64Array.from(q, (v, idx) => v * lam[idx % d]);
    const a = matmul(ql, transpose(q, d, d), d, d, d);
    const { values } = symmetricEigen(a, d);
    lam.forEach((l, i) => expect(values[i]).toBeCloseTo(l, 10));
  });
});
