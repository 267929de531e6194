import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createRng } from '../../../../src/core/random';
import {
  conjugateOptimum,
  createAmortizationStudy,
  simulateAmortizedData,
  type AmortizedModel,
} from '../../../../src/core/vi/amortized';

beforeAll(async () => {
  await useBackend('wasm');
});

async function train(model: AmortizedModel, widths: number[], seed: number, steps = 1200) {
  const rng = createRng(seed);
  const x = simulateAmortizedData(model, 100, rng);
  const study = createAmortizationStudy({ model, x, widths, lr: 0.05, rng });
  let reading = await study.step();
  for (let t = 1; t < steps; t++) {
    if (t === Math.floor(0.7 * steps)) study.setLearningRate(0.005);
    reading = await study.step();
  }
  return { study, reading, x };
}

describe('factorized vs amortized VI', () => {
  it('conjugate: per-observation VI reaches the closed-form optimum, and the affine encoder closes the gap', async () => {
    const { study, reading, x } = await train('conjugate', [0], 1);
    const got = await study.read(new Float64Array([0]));
    const opt = conjugateOptimum(x);
    for (let i = 0; i < x.length; i++) {
      expect(Math.abs(got.factorized.m[i] - opt.m[i])).toBeLessThan(5e-3);
      expect(Math.abs(Math.exp(2 * got.factorized.logS[i]) - opt.s2)).toBeLessThan(5e-3);
    }
    expect(Math.abs(reading.factorized - reading.logEvidence)).toBeLessThan(1e-3);
    expect(Math.abs(reading.factorized - reading.amortized[0])).toBeLessThan(1e-3);
    study.dispose();
  }, 120_000);

  it('nonlinear: the affine encoder leaves a gap that a wider network closes', async () => {
    const { study, reading } = await train('nonlinear', [0, 16], 2);
    const gapAffine = reading.factorized - reading.amortized[0];
    const gapWide = reading.factorized - reading.amortized[1];
    expect(gapAffine).toBeGreaterThan(0.05);
    expect(gapWide).toBeLessThan(0.2 * gapAffine);
    study.dispose();
  }, 120_000);

  it('chain: the gap stays open even for a wide encoder that sees only x_n', async () => {
    const { study, reading } = await train('chain', [0, 32], 3);
    const gapAffine = reading.factorized - reading.amortized[0];
    const gapWide = reading.factorized - reading.amortized[1];
    expect(gapWide).toBeGreaterThan(0.1);
    expect(gapAffine).toBeGreaterThan(0.1);
    study.dispose();
  }, 120_000);

  it('does not leak tensors over 1,000 steps', async () => {
    const rng = createRng(4);
    const study = createAmortizationStudy({ model: 'nonlinear', x: simulateAmortizedData('nonlinear', 50, rng), widths: [0, 4], lr: 0.02, rng });
    await study.step();
    await study.read(new Float64Array([0, 1]));
    const before = tf.memory().numTensors;
    for (let t = 0; t < 1000; t++) await study.step();
    await study.read(new Float64Array([0, 1]));
    expect(tf.memory().numTensors).toBe(before);
    study.dispose();
  }, 120_000);
});
