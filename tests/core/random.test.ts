import { describe, expect, it } from 'vitest';
import { categorical, createRng, gamma, permutation } from '../../src/core/random';

describe('createRng', () => {
  it('reproduces the same stream from the same seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('draws uniforms with mean 1/2 and variance 1/12 within Monte Carlo error', () => {
    const rng = createRng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      s += u;
      s2 += u * u;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(1e-3);
  });

  it('draws normals with mean 0, variance 1 and kurtosis 3 within Monte Carlo error', () => {
    const rng = createRng(7);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });
});

describe('samplers', () => {
  it('categorical matches its weights', () => {
    const rng = createRng(3);
    const w = [1, 2, 7];
    const counts = [0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[categorical(rng, w)]++;
    w.forEach((wi, i) => expect(Math.abs(counts[i] / n - wi / 10)).toBeLessThan(0.01));
  });

  it('permutation is a permutation', () => {
    const p = Array.from(permutation(createRng(5), 100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('gamma has mean and variance equal to its shape', () => {
    for (const shape of [0.5, 2.5]) {
      const rng = createRng(11);
      const n = 100_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const g = gamma(rng, shape);
        s += g;
        s2 += g * g;
      }
      const mean = s / n;
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      expect(Math.abs(s2 / n - mean * mean - shape) / shape).toBeLessThan(0.05);
    }
  });
});
