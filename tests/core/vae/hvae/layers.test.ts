import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createRng } from '../../../../src/core/random';
import { holdZ2Grid, moveZ2Grid } from '../../../../src/core/vae/hvae/layers';
import { HVAE_PARAM_NAMES, hvaeParamShapes, initialHvaeArrays, type HvaeWeights } from '../../../../src/core/vae/hvae/model';

const S = { inputDim: 16, hidden: 12, hidden2: 8, latent1: 3, latent2: 2 };

function weights(priorLogvar: number): HvaeWeights {
  const a = initialHvaeArrays(S, createRng(1));
  // p(z₁|z₂)'s log-variance bias: −30 makes z₁ a function of z₂ alone.
  for (let d = S.latent1; d < 2 * S.latent1; d++) a.p2[d] = priorLogvar;
  const shapes = hvaeParamShapes(S);
  return Object.fromEntries(HVAE_PARAM_NAMES.map((n) => [n, tf.tensor(a[n], shapes[n])])) as HvaeWeights;
}

const maxDiff = (a: Float32Array, i: number, j: number, D: number) => {
  let m = 0;
  for (let d = 0; d < D; d++) m = Math.max(m, Math.abs(a[i * D + d] - a[j * D + d]));
  return m;
};

describe('what the layers encode', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('hold z₂: a row shares z₂ (identical digits when p(z₁|z₂) is a point mass), rows differ', async () => {
    const w = weights(-30);
    const g = await holdZ2Grid(w, S, 3, 4, createRng(2));
    expect(g.length).toBe(12 * 16);
    for (let r = 0; r < 3; r++) for (let c = 1; c < 4; c++) expect(maxDiff(g, r * 4, r * 4 + c, 16)).toBeLessThan(1e-5);
    expect(maxDiff(g, 0, 4, 16)).toBeGreaterThan(1e-3);
    // With p(z₁|z₂) of unit-scale variance the same row varies.
    const w2 = weights(0);
    const g2 = await holdZ2Grid(w2, S, 3, 4, createRng(2));
    expect(maxDiff(g2, 0, 1, 16)).toBeGreaterThan(1e-3);
    tf.dispose([...Object.values(w), ...Object.values(w2)]);
  });

  it('move z₂: with z₁’s noise held, rows coincide when p(z₁|z₂) is a point mass, and columns change', async () => {
    const w = weights(-30);
    const g = await moveZ2Grid(w, S, 2, 5, createRng(3));
    for (let c = 0; c < 5; c++) expect(maxDiff(g, c, 5 + c, 16)).toBeLessThan(1e-5);
    expect(maxDiff(g, 0, 4, 16)).toBeGreaterThan(1e-3);
    tf.dispose(Object.values(w));
  });
});
