import { beforeAll, describe, expect, it } from 'vitest';
import ddmDemo from '../../../src/core/diffusion/ddmDemo';
import { ddmParams } from '../../../src/core/diffusion/ddmParams';
import type { DdmSession } from '../../../src/core/diffusion/ddmSession';
import { defaultParams } from '../../../src/core/params';
import { useBackend } from '../../support/tf';

// The acceptance check of the 'ddm' demo with its defaults (T = 100, 5,000 steps): the energy
// distance of 2,000 samples to 2,000 held-out points is under half the fitted Gaussian's, on two
// moons and on the swiss roll. About 27 s each on wasm on an idle machine (minutes on a busy one);
// DDM_QUALITY=0 skips them. Seed 1; over seeds 1–4 the ratio to the Gaussian baseline was
// −0.03…0.08 (moons) and −0.02…0.25 (swiss roll) with the default learning-rate decay.
describe.skipIf(process.env.DDM_QUALITY === '0')("'ddm' sample quality with the default settings", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  for (const dataset of ['moons', 'swissroll'] as const) {
    it(`${dataset}: energy distance below half the Gaussian baseline`, async () => {
      const params = { ...defaultParams(ddmParams), dataset };
      const session = (await ddmDemo.create({ params, seed: 1 })) as unknown as DdmSession;
      for (let k = 0; k < params.steps; k++) await session.step();
      const e = await session.evaluate();
      session.dispose();
      expect(Math.abs(e.floor)).toBeLessThan(0.005);
      expect(e.energyDistance).toBeLessThan(0.5 * e.gaussianBaseline);
    }, 600_000);
  }
});
