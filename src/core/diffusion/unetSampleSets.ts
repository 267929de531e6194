/**
 * The yardstick's sample sets of chapter 8's U-Net pixel model (./unetDenoiser.ts):
 *   ancestral   its ancestral chain (the reverse variance of the digits widget's default, x̂₀ clipped
 *               to [−1, 1] at every step, as for the other pixel models): the lab's ddm-unet samples
 *   ddim        DDIM with η = 0 on UNET_DDIM_STEPS of its T steps: the yardstick's unet-ddim row
 * Chain j draws its normals from its own stream (./chainRng.ts), so the first chains of a
 * 2,000-chain set can be redrawn alone. ε_θ is the tfjs network unless the caller passes another
 * engine for the same weights (scripts/yardstickNumbers.ts passes the network's PyTorch twin:
 * 2,000 chains of tfjs convolutions take hours here).
 */
import { defaultParams } from '../params';
import type { AssetLoader } from '../vae/data';
import { createRng } from '../random';
import { chainwiseRng } from './chainRng';
import { ddimSample } from './ddim';
import { ddmDigitsParams } from './ddmDigitsDemo';
import { toIntensities } from './digits';
import type { EpsPredictor } from './epsilon';
import { ancestralSample } from './sampler';
import { makeSchedule } from './schedule';
import { UnetDenoiser } from './unetDenoiser';
import { decodeUnetModel, unetSchedule, UNET_WEIGHTS_PATH } from './unetWeights';
import { UNET_DDIM_STEPS } from './yardstickNumbers';

/** An engine evaluating ε_θ of the shipped U-Net. */
export interface UnetEngine {
  predict: EpsPredictor;
  dispose(): void;
}

/** n draws of the U-Net set. @returns [n*784] in [0, 1] */
export async function drawUnetSet(
  sampler: 'ancestral' | 'ddim',
  n: number,
  seed: number,
  loadAsset: AssetLoader,
  engine?: () => Promise<UnetEngine> | UnetEngine,
): Promise<Float32Array> {
  const file = decodeUnetModel(await loadAsset(UNET_WEIGHTS_PATH));
  const { kind, T } = unetSchedule(file);
  const schedule = makeSchedule(kind, T);
  let net: UnetDenoiser | null = null;
  const eng: UnetEngine = engine
    ? await engine()
    : (() => {
        net = new UnetDenoiser(file.config, schedule, createRng(0));
        net.setWeights(file.tensors);
        const n0 = net;
        return { predict: n0.predict, dispose: () => n0.dispose() };
      })();
  const d = file.config.dim;
  const rng = chainwiseRng(seed, n, d);
  try {
    const samples =
      sampler === 'ddim'
        ? await ddimSample(eng.predict, schedule, n, d, rng, { eta: 0, steps: UNET_DDIM_STEPS, clipX0: [-1, 1] })
        : (await ancestralSample(eng.predict, schedule, n, d, rng, { variance: defaultParams(ddmDigitsParams).variance, clipX0: [-1, 1] })).samples;
    return toIntensities(samples);
  } finally {
    eng.dispose();
  }
}
