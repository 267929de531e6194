import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { TARGET_NAMES, getTarget, logIntegrate2d, normalCdf } from '../../../../src/core/vi/targets2d';
import { createRng } from '../../../../src/core/random';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('2-D targets', () => {
  for (const name of TARGET_NAMES) {
    it(`${name}: the claimed log Z matches trapezoid quadrature over a large box`, () => {
      const t = getTarget(name);
      const quad = logIntegrate2d((x, y) => t.logDensity(x, y), t.quadratureBox, 1400, 1400);
      expect(t.logZ).not.toBeNull();
      expect(Math.abs(quad - (t.logZ as number))).toBeLessThan(1e-3);
    });

    it(`${name}: the tfjs log-density equals the plain one`, () => {
      const t = getTarget(name);
      const rng = createRng(7);
      const pts: number[] = [];
      const [x0, x1, y0, y1] = t.box;
      for (let i = 0; i < 50; i++) pts.push(x0 + (x1 - x0) * rng.uniform(), y0 + (y1 - y0) * rng.uniform());
      const z = tf.tensor2d(pts, [50, 2]);
      const out = t.logDensityTf(z);
      const got = out.dataSync();
      for (let i = 0; i < 50; i++) {
        const want = t.logDensity(pts[2 * i], pts[2 * i + 1]);
        expect(Math.abs(got[i] - want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
      }
      tf.dispose([z, out]);
    });
  }

  it('normalCdf matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });
});
