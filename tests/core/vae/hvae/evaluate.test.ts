/**
 * Active units per layer (Burda et al. 2016: unit d is active if the variance over digits of its
 * posterior mean exceeds 0.01) from evaluateHvae, against the same statistic computed independently:
 * the float64 reference model of ./reference.ts run with zero noise (so its draws are the means
 * μ₂(x) and μ_q(x, μ₂(x))), and a two-pass variance. The weights are built so that one unit of
 * each layer is exactly dead (constant mean), some are alive but below the threshold and others
 * above it, and the digits span two of evaluateHvae's 500-digit chunks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createRng } from '../../../../src/core/random';
import { ACTIVE_UNIT_THRESHOLD } from '../../../../src/core/vae/evaluate';
import { evaluateHvae } from '../../../../src/core/vae/hvae/evaluate';
import { HVAE_PARAM_NAMES, hvaeParamShapes, initialHvaeArrays, type HvaeShape, type HvaeWeights } from '../../../../src/core/vae/hvae/model';
import { digitTerms, toParams64 } from './reference';

const S: HvaeShape = { inputDim: 6, hidden: 5, hidden2: 4, latent1: 4, latent2: 3 };
const N = 700;

/** Zeroes column j of a row-major [rows, cols] matrix, or multiplies it by `scale`. */
function scaleColumn(a: Float32Array, cols: number, j: number, scale = 0): void {
  for (let i = j; i < a.length; i += cols) a[i] *= scale;
}

function variance64(values: number[]): number {
  const m = values.reduce((a, v) => a + v, 0) / values.length;
  return values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1);
}

describe('two-layer VAE: active units per layer', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('match an independent float64 computation of Cov_x(E_q[z]) and its 0.01 threshold', async () => {
    const a = initialHvaeArrays(S, createRng(31));
    const rng = createRng(32);
    for (const n of HVAE_PARAM_NAMES) for (let i = 0; i < a[n].length; i++) a[n][i] += 0.3 * rng.normal();
    const { latent1: L1, latent2: L2 } = S;
    // z₂: unit 2 dead (its mean is the bias alone), unit 1 alive but faint, unit 0 strong.
    scaleColumn(a.Q2, 2 * L2, 2);
    scaleColumn(a.Q2, 2 * L2, 1, 0.5);
    scaleColumn(a.Q2, 2 * L2, 0, 2);
    // z₁: unit 3 dead: bottom-up guess and top-down prediction both constant, means and variances.
    for (const j of [3, L1 + 3]) {
      scaleColumn(a.Q1, 2 * L1, j);
      scaleColumn(a.P2, 2 * L1, j);
    }
    const x = new Float32Array(N * S.inputDim);
    for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < 0.4 ? 1 : rng.uniform() * 0.5;

    const p64 = toParams64(a);
    const means1: number[][] = Array.from({ length: L1 }, () => []);
    const means2: number[][] = Array.from({ length: L2 }, () => []);
    for (let i = 0; i < N; i++) {
      const t = digitTerms(p64, S, x.subarray(i * S.inputDim, (i + 1) * S.inputDim), new Array(L1).fill(0), new Array(L2).fill(0));
      t.z1.forEach((v, d) => means1[d].push(v));
      t.z2.forEach((v, d) => means2[d].push(v));
    }
    const var1 = means1.map(variance64);
    const var2 = means2.map(variance64);
    // The construction did what it meant to: a dead unit, a faint one, live ones.
    expect(var2[2]).toBeLessThan(1e-10);
    expect(var1[3]).toBeLessThan(1e-10);
    expect(var2[1]).toBeGreaterThan(1e-4);
    expect(var2[1]).toBeLessThan(ACTIVE_UNIT_THRESHOLD / 2);
    const count = (v: number[]) => v.filter((u) => u > ACTIVE_UNIT_THRESHOLD).length;
    expect(count(var1)).toBeGreaterThanOrEqual(2);
    expect(count(var1)).toBeLessThan(L1);
    expect(count(var2)).toBe(1);
    // No unit within a factor 1.5 of the threshold, where float32 against float64 could flip it.
    for (const v of [...var1, ...var2].filter((u) => u > 1e-10)) expect(Math.abs(Math.log(v / ACTIVE_UNIT_THRESHOLD))).toBeGreaterThan(Math.log(1.5));

    const shapes = hvaeParamShapes(S);
    const w = Object.fromEntries(HVAE_PARAM_NAMES.map((n) => [n, tf.tensor(a[n], shapes[n])])) as HvaeWeights;
    const ev = await evaluateHvae(w, S, x, createRng(33));
    tf.dispose(Object.values(w));
    var1.forEach((v, d) => expect(ev.meanVar1[d]).toBeCloseTo(v, 5));
    var2.forEach((v, d) => expect(ev.meanVar2[d]).toBeCloseTo(v, 5));
    var1.forEach((v, d) => v > 1e-6 && expect(ev.meanVar1[d] / v).toBeCloseTo(1, 3));
    var2.forEach((v, d) => v > 1e-6 && expect(ev.meanVar2[d] / v).toBeCloseTo(1, 3));
    expect(ev.active1).toBe(count(var1));
    expect(ev.active2).toBe(count(var2));
  });
});
