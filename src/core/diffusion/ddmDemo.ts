/**
 * 'ddm': a denoising diffusion model trained live on 2-D data (chapter 8). `npm run lab -- ddm
 * --dataset moons --json` trains for the step budget and prints the energy distances of the
 * model, the floor (a second held-out sample) and a fitted Gaussian to held-out points.
 * With `pretrained`, and settings that match the shipped model's (two moons, its T, schedule and
 * width), the session starts from the shipped weights, so the reverse sampler shows a trained
 * chain before any training; with other settings it starts from scratch and says so
 * (snapshot.pretrainedSteps = 0).
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamValues } from '../params';
import { type DdmParams, ddmParams, MOONS_WEIGHTS_PATH } from './ddmParams';
import { DdmSession } from './ddmSession';
import { decodeWeights } from './weightsFile';

/** Whether the shipped 2-D weights fit these settings (meta: the file's metadata). */
export function shippedWeightsFit(params: ParamValues<DdmParams>, meta: Record<string, unknown>): boolean {
  return params.dataset === meta.dataset && params.T === meta.T && params.schedule === meta.schedule && params.width === meta.width;
}

/** A session from the shipped weights when they fit the settings, else from scratch. */
export async function createDdmSession(
  params: ParamValues<DdmParams>,
  seed: number,
  input: Plain | undefined,
  loadAsset: ((p: string) => Promise<ArrayBuffer>) | undefined,
): Promise<DdmSession> {
  const session = new DdmSession(params, seed, input);
  if (!params.pretrained || !loadAsset || params.dataset === 'drawn') return session;
  const { header, tensors } = decodeWeights(await loadAsset(MOONS_WEIGHTS_PATH));
  if (shippedWeightsFit(params, header.meta)) session.loadPretrained(tensors, Number(header.meta.steps));
  return session;
}

export default defineDemo<DdmParams, Plain>({
  id: 'ddm',
  title: 'Denoising diffusion model on 2-D data',
  params: ddmParams,
  usesTf: true,
  defaultSteps: ddmParams.steps.default,
  async create(ctx) {
    return createDdmSession(ctx.params, ctx.seed, ctx.input, ctx.loadAsset);
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
