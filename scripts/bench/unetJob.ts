/**
 * The U-Net pixel model's bench workload (issue 13), on whichever tfjs backend is active: the time
 * to sample 16 digits from the shipped weights as the ddm-digits widget does (DDIM with η = 0 on the
 * widget's default k, on the yardstick's k, and the ancestral chain over all T steps), and the
 * training step at the widget's batch against the backend's forward-convolution rate on the step's
 * own convolutions (./convShapes.ts). tfjs-core only: the Node bench calls it directly, the bench
 * page inside a worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ddimSample } from '../../src/core/diffusion/ddim';
import { createDigitsSession, ddmDigitsParams } from '../../src/core/diffusion/ddmDigitsDemo';
import { ancestralSample } from '../../src/core/diffusion/sampler';
import type { UnetDenoiser } from '../../src/core/diffusion/unetDenoiser';
import { YARDSTICK_DDIM_STEPS } from '../../src/core/diffusion/yardstickNumbers';
import { filterGradRoute } from '../../src/core/math/conv2d';
import { defaultParams } from '../../src/core/params';
import { createRng } from '../../src/core/random';
import type { AssetLoader } from '../../src/core/vae/data';
import { convFlops, convRunner, unetForwardConvShapes, unetStepConvShapes } from './convShapes';
import { checkNoLeak, medianMs } from './jobScaffold';
import type { JobBudget } from './modelJobs';
import { gflopsPerSecond, matmulShare } from './stats';
import { measureStepVsReference } from './stepVsMatmul';
import type { BenchResult } from './types';

const SHOWN = 16;

/**
 * Sampling is timed after a warm-up of a few network calls (kernels compiled, memory grown), each
 * sampler `reps` times (the median), the ancestral chain once (tens of seconds on one wasm thread).
 */
export async function unetJob(loadAsset: AssetLoader, budget: JobBudget = {}, opts: { reps?: number; ancestral?: boolean } = {}): Promise<BenchResult> {
  const { reps = 2, ancestral = true } = opts;
  const before = tf.memory().numTensors;
  const params = defaultParams(ddmDigitsParams);
  const session = await createDigitsSession({ ...params, model: 'unet', pretrained: true }, 1, loadAsset);
  let result: BenchResult;
  try {
    const net = session.net as UnetDenoiser;
    const { schedule, config } = net;
    const rng = createRng(3);
    const ddim = (k: number) => () => ddimSample(net.predict, schedule, SHOWN, config.dim, rng, { eta: 0, steps: k, clipX0: [-1, 1] });
    const k = Math.min(params.ddimSteps, schedule.T);
    await ddim(3)();
    const ddimMs = await medianMs(ddim(k), reps);
    const yardstickMs = await medianMs(ddim(YARDSTICK_DDIM_STEPS), 1);
    let ancestralMs: number | null = null;
    if (ancestral) {
      const t0 = performance.now();
      await ancestralSample(net.predict, schedule, SHOWN, config.dim, rng, { variance: params.variance, clipX0: [-1, 1] });
      ancestralMs = performance.now() - t0;
    }
    // One network call on 16 images against its bare forward convolutions.
    const fwdShapes = unetForwardConvShapes(SHOWN, config.channels, config.side);
    const fwdConvs = convRunner(fwdShapes);
    let fwdConvMs: number;
    try {
      await fwdConvs.run();
      fwdConvMs = await medianMs(() => fwdConvs.run(), 10);
    } finally {
      fwdConvs.dispose();
    }
    const stepShapes = unetStepConvShapes(params.batch, config.channels, config.side);
    const train = await measureStepVsReference({ step: () => session.step(), runner: convRunner(stepShapes), flops: convFlops(stepShapes), ...budget });
    const callMs = ddimMs / k;
    result = {
      unet_T: schedule.T,
      unet_channels: config.channels,
      [`unet_sample16_ddim${k}_ms`]: ddimMs,
      [`unet_sample16_ddim${YARDSTICK_DDIM_STEPS}_ms`]: yardstickMs,
      ...(ancestralMs === null ? {} : { [`unet_sample16_ancestral${schedule.T}_ms`]: ancestralMs }),
      unet_call16_ms: callMs,
      unet_call16_conv_only_ms: fwdConvMs,
      unet_call16_conv_share: matmulShare(callMs, fwdConvMs),
      unet_call16_gflop_per_s: gflopsPerSecond(convFlops(fwdShapes), callMs),
      unet_batch: params.batch,
      unet_step_ms: train.stepMs,
      unet_step_gflop_per_s: train.stepGflops,
      unet_step_conv_only_ms: train.matmulMs,
      unet_step_conv_gflop_per_s: train.matmulGflops,
      unet_step_conv_share: train.share,
      unet_step_conv_share_of_minima: train.shareOfMinima,
      unet_step_reps: train.reps,
      unet_filter_grad_route: filterGradRoute(),
    };
  } finally {
    session.dispose();
  }
  checkNoLeak(before, 'the U-Net bench');
  return result;
}
