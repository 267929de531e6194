import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createCouplingFlow } from '../../../../src/core/vi/families';
import { logTrapezoid2d, makeGrid } from '../../../../src/core/vi/targets2d';
import { createRng } from '../../../../src/core/random';

beforeAll(async () => {
  await useBackend('wasm');
});

/** A flow far from the identity, so the checks below exercise the coupling networks. */
function wigglyFlow(seed: number) {
  return createCouplingFlow({ layers: 4, hidden: 8, rng: createRng(seed), outputInitScale: 0.4 });
}

describe('affine coupling flow', () => {
  it('its log-density integrates to one over a large box', () => {
    for (const seed of [1, 2]) {
      const flow = wigglyFlow(seed);
      const n = 700;
      const box: [number, number, number, number] = [-20, 20, -20, 20];
      const grid = makeGrid(box, n);
      const z = tf.tensor2d(grid.points, [n * n, 2]);
      const logq = flow.logDensity(z);
      const logMass = logTrapezoid2d(logq.dataSync(), box, n, n);
      tf.dispose([z, logq]);
      flow.dispose();
      expect(Math.abs(logMass)).toBeLessThan(1e-2);
    }
  });

  it('its log-det equals the log |det| of a finite-difference Jacobian', () => {
    const flow = wigglyFlow(3);
    const rng = createRng(11);
    const h = 3e-3;
    for (let trial = 0; trial < 10; trial++) {
      const e = [rng.normal(), rng.normal()];
      const pts = [e, [e[0] + h, e[1]], [e[0] - h, e[1]], [e[0], e[1] + h], [e[0], e[1] - h]].flat();
      const eps = tf.tensor2d(pts, [5, 2]);
      const { z, logDet } = flow.forward(eps);
      const zz = z.dataSync();
      const ld = logDet.dataSync()[0];
      tf.dispose([eps, z, logDet]);
      // Columns of the Jacobian ∂z/∂ε by central differences.
      const j11 = (zz[2] - zz[4]) / (2 * h);
      const j21 = (zz[3] - zz[5]) / (2 * h);
      const j12 = (zz[6] - zz[8]) / (2 * h);
      const j22 = (zz[7] - zz[9]) / (2 * h);
      const fd = Math.log(Math.abs(j11 * j22 - j12 * j21));
      expect(Math.abs(fd - ld)).toBeLessThan(2e-3);
    }
    flow.dispose();
  });

  it('log q at sampled points equals log q evaluated through the inverse', () => {
    const flow = wigglyFlow(4);
    const rng = createRng(5);
    const eps = tf.tensor2d(Array.from({ length: 200 }, () => rng.normal()), [100, 2]);
    const { z, logQ } = flow.sample(eps);
    const again = flow.logDensity(z);
    const a = logQ.dataSync();
    const b = again.dataSync();
    for (let i = 0; i < 100; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(2e-3);
    tf.dispose([eps, z, logQ, again]);
    flow.dispose();
  });

  it('starts at the identity map when the output layer is zero', () => {
    const flow = createCouplingFlow({ layers: 3, hidden: 4, rng: createRng(1), outputInitScale: 0 });
    const eps = tf.tensor2d([0.3, -1.2, 2, 0.5], [2, 2]);
    const { z, logDet } = flow.forward(eps);
    expect(Array.from(z.dataSync())).toEqual(Array.from(eps.dataSync()));
    expect(Array.from(logDet.dataSync())).toEqual([0, 0]);
    tf.dispose([eps, z, logDet]);
    flow.dispose();
  });
});
