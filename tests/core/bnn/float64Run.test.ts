import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { createFloat64Run } from '../../../src/core/bnn/float64Run';
import { createBnnRun, type BnnConfig } from '../../../src/core/bnn/run';

beforeAll(async () => {
  await useBackend('wasm');
});

const BASE: BnnConfig = { model: 'one-layer', family: 'mean-field', hidden: 12, prior: 'fixed', priorSd: 1, noise: 'estimate', n: 40, trueNoiseSd: 0.2, lr: 0.01, initSd: 0.1, heldOut: 10 };

/**
 * tfjs's autodiff against the hand-derived float64 gradients: the same seed gives the same data,
 * initial values and noise draws, so the two runs must take the same Adam steps up to float32
 * rounding. A wrong gradient (a missing factor 2 in ∂ρ, a dropped ∂ν path) changes the metrics at
 * the first step by far more than the tolerance.
 */
describe('the tfjs run against its float64 twin', () => {
  const cases: [string, Partial<BnnConfig>][] = [
    ['one hidden layer, s fixed, σ estimated', {}],
    ['one hidden layer, s estimated', { prior: 'estimate' }],
    ['two hidden layers, s estimated, σ known', { model: 'two-layer', hidden: 6, prior: 'estimate', noise: 'fixed' }],
    ['linear', { model: 'linear' }],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const config = { ...BASE, ...over };
      const a = createBnnRun(config, 7);
      const b = createFloat64Run(config, 7);
      for (let t = 0; t < 15; t++) {
        const ma = await a.step();
        const mb = b.step();
        for (const key of Object.keys(mb)) expect(Math.abs(ma[key] - mb[key])).toBeLessThan(2e-4 * Math.max(1, Math.abs(mb[key])));
      }
      const va = await a.values();
      const vb = b.values();
      if ('kind' in va.q || 'kind' in vb.q) throw new Error('mean-field values expected');
      const qb = vb.q;
      va.q.layers.forEach((L, l) => {
        L.wMean.forEach((m, j) => expect(Math.abs(m - qb.layers[l].wMean[j])).toBeLessThan(1e-4));
        L.wSd.forEach((s, j) => expect(Math.abs(s / qb.layers[l].wSd[j] - 1)).toBeLessThan(1e-4));
        va.mle.layers[l].w.forEach((w, j) => expect(Math.abs(w - vb.mle.layers[l].w[j])).toBeLessThan(1e-4));
      });
      a.dispose();
    }, 60_000);
  }
});
