/**
 * The U-Net's convolutions as the bench times them: one per convolution weight of the network
 * (their k²·c_in·c_out add up to the file's convolution weights, from unetTensorShapes), at the
 * levels' sizes; a training step's work is forward + filter gradient + input gradient (none for the
 * input convolution). The runner (convRunner) is tested with the other runners in ./stepVsMatmul.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { convFlops, unetForwardConvShapes, unetStepConvShapes } from '../../../scripts/bench/convShapes';
import { unetTensorShapes } from '../../../src/core/diffusion/unetDenoiser';

const C = 32;
const config = { dim: 784, side: 28, channels: C, embedDim: 64, hidden: 128, groups: 8 };

describe('unetForwardConvShapes', () => {
  it('has one shape per convolution weight of the network, with its kernel and channels', () => {
    const convWeights = unetTensorShapes(config).filter(([name, shape]) => name.endsWith('weight') && shape.length === 4);
    const shapes = unetForwardConvShapes(5, C, 28);
    expect(shapes.length).toBe(convWeights.length);
    const taps = (s: number[]) => s.reduce((a, b) => a * b, 1);
    expect(shapes.map((c) => c.k * c.k * c.ci * c.co).sort((a, b) => a - b)).toEqual(convWeights.map(([, s]) => taps(s)).sort((a, b) => a - b));
    expect(new Set(shapes.map((c) => c.size))).toEqual(new Set([28, 14, 7]));
    expect(shapes.every((c) => c.n === 5)).toBe(true);
  });

  it('counts 2·n·size²·k²·c_in·c_out FLOPs, three times for a step less the input convolution’s input gradient', () => {
    const one = [{ n: 2, size: 7, ci: 3, co: 4, k: 3 }];
    expect(convFlops(one)).toBe(2 * 2 * 49 * 9 * 3 * 4);
    const fwd = unetForwardConvShapes(8, C, 28);
    const first = convFlops([fwd[0]]);
    expect(convFlops(unetStepConvShapes(8, C, 28))).toBe(3 * convFlops(fwd) - first);
  });
});
