/**
 * The convolutions of chapter 8's U-Net (src/core/diffusion/unetDenoiser.ts) and a runner that
 * times them alone, the U-Net's counterpart of ./matmulShapes.ts and ./stepVsMatmul.ts's
 * matmulRunner. Every convolution is stride 1, 'same' padding, NHWC.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pairRunner, type ReferenceRunner } from './stepVsMatmul';

/** A convolution of x [n, size, size, ci] with K [k, k, ci, co]. */
export interface ConvShape {
  n: number;
  size: number;
  ci: number;
  co: number;
  k: number;
}

/** 2·n·size²·k²·ci·co: one multiply-add per kernel tap, input channel and output pixel. */
export function convFlops(shapes: readonly ConvShape[]): number {
  return shapes.reduce((s, c) => s + 2 * c.n * c.size * c.size * c.k * c.k * c.ci * c.co, 0);
}

/**
 * The forward pass's convolutions at batch n, in the network's order: the input convolution, each
 * residual block's two 3×3 convolutions and (where c_in ≠ c_out) its 1×1 skip, the output
 * convolution. C base channels; levels side, side/2, side/4.
 */
export function unetForwardConvShapes(n: number, C: number, side: number): ConvShape[] {
  const blocks: [size: number, ci: number, co: number][] = [
    [side, C, C], // down0
    [side / 2, C, 2 * C], // down1
    [side / 4, 2 * C, 2 * C], // mid
    [side / 2, 4 * C, 2 * C], // up1
    [side, 3 * C, C], // up0
  ];
  const out: ConvShape[] = [{ n, size: side, ci: 1, co: C, k: 3 }];
  for (const [size, ci, co] of blocks) {
    out.push({ n, size, ci, co, k: 3 }, { n, size, ci: co, co, k: 3 });
    if (ci !== co) out.push({ n, size, ci, co, k: 1 });
  }
  out.push({ n, size: side, ci: C, co: 1, k: 3 });
  return out;
}

/**
 * One training step's convolution work: the forward convolutions, each one's filter gradient (the
 * same cost) and each one's input gradient (a convolution from c_out back to c_in) except the
 * input convolution's, whose input is the data. As forward convolutions of those shapes: the
 * reference is what the backend's forward kernel does with the step's own FLOPs.
 */
export function unetStepConvShapes(n: number, C: number, side: number): ConvShape[] {
  const fwd = unetForwardConvShapes(n, C, side);
  return [...fwd, ...fwd, ...fwd.slice(1).map((c) => ({ ...c, ci: c.co, co: c.ci }))];
}

/** The convolutions alone (tf.conv2d, the backend's forward kernel), one readback of the last. */
export function convRunner(shapes: readonly ConvShape[]): ReferenceRunner {
  return pairRunner(
    shapes.map((c) => [tf.randomNormal([c.n, c.size, c.size, c.ci]), tf.randomNormal([c.k, c.k, c.ci, c.co])] as [tf.Tensor4D, tf.Tensor4D]),
    (x, K) => tf.conv2d(x, K, 1, 'same'),
  );
}
