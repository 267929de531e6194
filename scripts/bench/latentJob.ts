/**
 * Latent diffusion's bench workload (issue 13): the time to sample 16 digits from the shipped
 * models as the widgets do (latent: T reverse steps on 16 codes of 20 numbers, then one decode;
 * 14×14 and 28×28 pixel models: T reverse steps on 16 images of 196 or 784 pixels), the latent model's and
 * the 28×28 model's training
 * step at the widget's settings against the bare products of its layer shapes.
 * tfjs-core only: the Node bench calls it directly, the bench page inside a worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createDigitsSession, ddmDigitsParams } from '../../src/core/diffusion/ddmDigitsDemo';
import { createLatentSession, ddmLatentParams, LATENT_SHOWN } from '../../src/core/diffusion/latentDemo';
import type { ResMlpDenoiser } from '../../src/core/diffusion/resMlpDenoiser';
import { ancestralSample } from '../../src/core/diffusion/sampler';
import { defaultParams } from '../../src/core/params';
import { createRng } from '../../src/core/random';
import type { AssetLoader } from '../../src/core/vae/data';
import { ddmStepMatmulShapes, resStepMatmulShapes } from './matmulShapes';
import { checkNoLeak, medianMs } from './jobScaffold';
import type { JobBudget } from './modelJobs';
import { measureStepVsMatmul } from './stepVsMatmul';
import type { BenchResult } from './types';

export async function latentJob(loadAsset: AssetLoader, budget: JobBudget = {}, reps = 5): Promise<BenchResult> {
  const before = tf.memory().numTensors;
  const latent = await createLatentSession({ ...defaultParams(ddmLatentParams), pretrained: true }, 1, loadAsset);
  const pixel = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: '14', pretrained: true }, 1, loadAsset);
  const pixel28 = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: '28', pretrained: true }, 1, loadAsset);
  const scratch = await createLatentSession({ ...defaultParams(ddmLatentParams), pretrained: false }, 1, loadAsset);
  let result: BenchResult;
  try {
    const rng = createRng(3);
    const latentMs = await medianMs(() => latent.sampleDigits(LATENT_SHOWN, rng), reps, 1);
    const pixelMs = await medianMs(
      () => ancestralSample(pixel.net.predict, pixel.net.schedule, LATENT_SHOWN, pixel.net.config.dim, rng, { variance: pixel.params.variance, clipX0: [-1, 1] }),
      reps,
      1,
    );
    const pixel28Ms = await medianMs(
      () => ancestralSample(pixel28.net.predict, pixel28.net.schedule, LATENT_SHOWN, pixel28.net.config.dim, rng, { variance: pixel28.params.variance, clipX0: [-1, 1] }),
      reps,
      1,
    );
    const rc = (pixel28.net as ResMlpDenoiser).config;
    const train28 = await measureStepVsMatmul({
      step: () => pixel28.step(),
      shapes: resStepMatmulShapes(pixel28.params.batch, rc.width, rc.blocks, rc.dim, rc.embedDim),
      ...budget,
    });
    const c = scratch.net.config;
    const train = await measureStepVsMatmul({
      step: () => scratch.step(),
      shapes: ddmStepMatmulShapes(scratch.params.batch, c.width, c.depth, c.dim + c.embedDim, c.dim),
      ...budget,
    });
    result = {
      latent_sample16_ms: latentMs,
      latent_T: latent.net.schedule.T,
      pixel14_sample16_ms: pixelMs,
      pixel14_T: pixel.net.schedule.T,
      pixel28_sample16_ms: pixel28Ms,
      pixel28_T: pixel28.net.schedule.T,
      pixel28_step_ms: train28.stepMs,
      pixel28_step_matmul_share: train28.share,
      latent_step_ms: train.stepMs,
      latent_train_steps_per_s: 1000 / train.stepMs,
      latent_step_matmul_share: train.share,
      latent_reps: train.reps,
    };
  } finally {
    latent.dispose();
    pixel.dispose();
    pixel28.dispose();
    scratch.dispose();
  }
  checkNoLeak(before, 'the latent bench');
  return result;
}
