/**
 * 'ddm': a denoising diffusion model trained live on 2-D data (chapter 8). `npm run lab -- ddm
 * --dataset moons --json` trains for the step budget and prints the energy distances of the
 * model, the floor (a second held-out sample) and a fitted Gaussian to held-out points.
 */
import { defineDemo, type Plain } from '../demo';
import { type DdmParams, ddmParams } from './ddmParams';
import { DdmSession } from './ddmSession';

export default defineDemo<DdmParams, Plain>({
  id: 'ddm',
  title: 'Denoising diffusion model on 2-D data',
  params: ddmParams,
  usesTf: true,
  defaultSteps: ddmParams.steps.default,
  async create(ctx) {
    return new DdmSession(ctx.params, ctx.seed, ctx.input);
  },
  async summarize(session) {
    const e = await (session as unknown as DdmSession).evaluate();
    return {
      energyDistance: e.energyDistance,
      floor: e.floor,
      gaussianBaseline: e.gaussianBaseline,
      ratioToGaussian: e.energyDistance / e.gaussianBaseline,
    };
  },
});
