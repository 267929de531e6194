import { describe, expect, it } from 'vitest';
import { stickBreaking } from '../../../../src/core/vi/svi/stickBreaking';
import { logDet } from '../../../../src/core/math/linalg';
import { createRng } from '../../../../src/core/random';

describe('stick-breaking transform to the simplex', () => {
  it('maps 0 to the centre of the simplex and always lands on the simplex', () => {
    const { x } = stickBreaking([0, 0, 0]);
    for (const v of x) expect(v).toBeCloseTo(0.25, 12);
    const rng = createRng(1);
    for (let t = 0; t < 100; t++) {
      const y = [3 * rng.normal(), 3 * rng.normal(), 3 * rng.normal(), 3 * rng.normal()];
      const out = stickBreaking(y).x;
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const v of out) expect(v).toBeGreaterThan(0);
    }
  });

  it('its log-det Jacobian equals that of a finite-difference Jacobian of y ↦ x_{1:K−1}', () => {
    const rng = createRng(2);
    const K = 5;
    const h = 1e-6;
    for (let t = 0; t < 20; t++) {
      const y = Array.from({ length: K - 1 }, () => 1.5 * rng.normal());
      const J = new Float64Array((K - 1) * (K - 1));
      for (let j = 0; j < K - 1; j++) {
        const up = [...y];
        const down = [...y];
        up[j] += h;
        down[j] -= h;
        const a = stickBreaking(up).x;
        const b = stickBreaking(down).x;
        for (let i = 0; i < K - 1; i++) J[i * (K - 1) + j] = (a[i] - b[i]) / (2 * h);
      }
      expect(stickBreaking(y).logDetJacobian).toBeCloseTo(logDet(J, K - 1).logAbsDet, 6);
    }
  });
});
