/** The benchmark entries, in report order. Add one line per entry. */
import { bnnBench } from './bnn';
import { bundleSize } from './bundleSize';
import { ddmBench } from './ddm';
import { emWidget } from './emWidget';
import { firstPaint } from './firstPaint';
import { flowFit } from './flowFit';
import { gradientVariance } from './gradientVariance';
import { hvaeBench } from './hvae';
import { latentBench } from './latent';
import { latentThreadsBench } from './latentThreads';
import { ldaBench } from './lda';
import { soak } from './soak';
import { threadsBench } from './threads';
import { unetBench } from './unet';
import type { BenchEntry } from './types';
import { vaeBench } from './vae';
import { yardstickBench } from './yardstick';

export const benchEntries: BenchEntry[] = [
  bundleSize,
  firstPaint,
  emWidget,
  flowFit,
  gradientVariance,
  vaeBench,
  hvaeBench,
  ddmBench,
  bnnBench,
  threadsBench,
  ldaBench,
  latentBench,
  unetBench,
  yardstickBench,
  latentThreadsBench,
  soak,
];
