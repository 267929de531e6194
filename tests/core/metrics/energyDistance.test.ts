import { describe, expect, it } from 'vitest';
import { energyDistance } from '../../../src/core/metrics/energyDistance';
import { createRng } from '../../../src/core/random';

/** Modified Bessel functions I_0, I_1 by their power series (fine for |x| < 20). */
function besselI(order: 0 | 1, x: number): number {
  let term = order === 0 ? 1 : x / 2;
  let sum = term;
  for (let k = 1; k < 200; k++) {
    term *= (x * x) / 4 / (k * (k + order));
    sum += term;
  }
  return sum;
}

/** E‖Z‖ for Z ~ N(μ, σ² I₂) with ‖μ‖ = nu: the Rice mean σ√(π/2) L_{1/2}(−ν²/2σ²). */
function riceMean(nu: number, sigma2: number): number {
  const x = -(nu * nu) / (2 * sigma2);
  const laguerre = Math.exp(x / 2) * ((1 - x) * besselI(0, -x / 2) - x * besselI(1, -x / 2));
  return Math.sqrt(sigma2) * Math.sqrt(Math.PI / 2) * laguerre;
}

function gaussian2d(n: number, shift: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = shift + rng.normal();
    x[2 * i + 1] = rng.normal();
  }
  return x;
}

describe('energy distance', () => {
  it('is computed exactly on a tiny hand-worked case', () => {
    // X = {(0,0), (1,0)}, Y = {(0,1), (0,2)}: cross mean (1 + 2 + √2 + √5)/4, within means 1 and 1
    const d = energyDistance([0, 0, 1, 0], [0, 1, 0, 2]);
    expect(d).toBeCloseTo((2 * (1 + 2 + Math.SQRT2 + Math.sqrt(5))) / 4 - 2, 12);
  });

  it('is near zero for two samples of one distribution, and unbiased (centred on zero)', () => {
    const vals: number[] = [];
    for (let r = 0; r < 8; r++) vals.push(energyDistance(gaussian2d(400, 0, 100 + r), gaussian2d(400, 0, 200 + r)));
    const avg = vals.reduce((a, b) => a + b, 0) / vals.length;
    expect(Math.abs(avg)).toBeLessThan(0.01);
    for (const v of vals) expect(Math.abs(v)).toBeLessThan(0.03);
  });

  it('matches the closed form 2E‖N(a, 2I)‖ − 2√π for N(0, I) against N((a, 0), I)', () => {
    const closedIdentical = 2 * riceMean(0, 2) - 2 * Math.sqrt(Math.PI);
    expect(closedIdentical).toBeCloseTo(0, 10);
    for (const a of [0.5, 1.5]) {
      const closed = 2 * riceMean(a, 2) - 2 * Math.sqrt(Math.PI);
      const est = energyDistance(gaussian2d(1500, 0, 1), gaussian2d(1500, a, 2));
      expect(closed).toBeGreaterThan(0);
      expect(Math.abs(est - closed)).toBeLessThan(0.15 * closed + 0.01);
    }
  });

  it('rejects samples with fewer than two rows', () => {
    expect(() => energyDistance([0, 0], [1, 1, 2, 2])).toThrow();
  });
});
