import { describe, expect, it } from 'vitest';
import { cholesky2, det2, eigen2, inverse2 } from '../../../src/core/math/linalg2';

describe('2×2 closed forms', () => {
  it('inverse2 times the matrix is the identity; det2 is ac − b²', () => {
    const [a, b, c] = [2, -0.3, 0.5];
    const [ia, ib, ic] = inverse2(a, b, c);
    expect(a * ia + b * ib).toBeCloseTo(1, 14);
    expect(a * ib + b * ic).toBeCloseTo(0, 14);
    expect(b * ib + c * ic).toBeCloseTo(1, 14);
    expect(det2(a, b, c)).toBeCloseTo(1 - 0.09, 14);
  });

  it('cholesky2 reproduces the matrix and rejects a singular one', () => {
    const [l11, l21, l22] = cholesky2(4, 2, 3)!;
    expect(l11 * l11).toBeCloseTo(4, 14);
    expect(l11 * l21).toBeCloseTo(2, 14);
    expect(l21 * l21 + l22 * l22).toBeCloseTo(3, 14);
    expect(cholesky2(1, 1, 1)).toBeNull();
  });

  it('eigen2 returns eigenpairs: (A − λI) v = 0 for v = (cos θ, sin θ)', () => {
    const [a, b, c] = [1, 0.8, 3];
    const { l1, l2, angle } = eigen2(a, b, c);
    expect(l1).toBeGreaterThanOrEqual(l2);
    expect(l1 + l2).toBeCloseTo(a + c, 14);
    expect(l1 * l2).toBeCloseTo(a * c - b * b, 12);
    const v = [Math.cos(angle), Math.sin(angle)];
    expect(a * v[0] + b * v[1] - l1 * v[0]).toBeCloseTo(0, 12);
    expect(b * v[0] + c * v[1] - l1 * v[1]).toBeCloseTo(0, 12);
  });
});
