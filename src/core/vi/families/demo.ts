/**
 * Demo 'vi-2d-fit': a variational family (mean-field, full-rank or coupling flow) fitted to a
 * 2-D target by Adam on the reparameterized ELBO. The snapshot carries both log-densities on a
 * grid over the target's box (for overlaid contours) and draws from q.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineDemo, type Metrics, type Plain } from '../../demo';
import { createRng } from '../../random';
import type { ParamTable } from '../../params';
import { TARGET_NAMES, getTarget, makeGrid, type TargetName } from '../targets2d';
import { createFamily } from './createFamily';
import { restoreAdamState, saveAdamState, type AdamState } from '../adamState';
import { drawEps, elboStep, setAdamLearningRate } from './elbo';
import { FAMILY_NAMES, type FamilyName } from './types';

export const VI_GRID_SIZE = 60;
const SNAPSHOT_SAMPLES = 400;

export const vi2dParams = {
  target: {
    kind: 'select',
    label: 'Target',
    options: TARGET_NAMES,
    optionLabels: { banana: 'Banana', funnel: "Neal's funnel", bimodal: 'Two modes', ring: 'Ring', gaussian: 'Correlated Gaussian' },
    default: 'banana',
  },
  family: {
    kind: 'select',
    label: 'Family q',
    options: FAMILY_NAMES,
    optionLabels: { 'mean-field': 'Mean-field Gaussian', 'full-rank': 'Full-rank Gaussian', flow: 'Coupling flow' },
    default: 'flow',
  },
  layers: { kind: 'int', label: 'Flow layers', help: 'Affine coupling layers (flow only).', min: 1, max: 12, default: 6 },
  hidden: { kind: 'int', label: 'Hidden units', help: 'Width of each coupling network (flow only).', min: 2, max: 64, default: 16 },
  lr: { kind: 'number', label: 'Learning rate', min: 0.0005, max: 0.1, default: 0.01, scale: 'log' },
  samples: { kind: 'int', label: 'Samples per step', help: 'Draws ε per ELBO estimate.', min: 1, max: 512, default: 64 },
} satisfies ParamTable;

export const vi2dFitDemo = defineDemo({
  id: 'vi-2d-fit',
  title: 'Variational families fitted to 2-D targets',
  params: vi2dParams,
  usesTf: true,
  defaultSteps: 3000,
  async create({ params, seed }) {
    const target = getTarget(params.target as TargetName);
    const rng = createRng(seed);
    const family = createFamily(params.family as FamilyName, { layers: params.layers as number, hidden: params.hidden as number, rng: rng.fork() });
    const optimizer = tf.train.adam(params.lr as number);
    let samples = params.samples as number;
    const grid = makeGrid(target.box, VI_GRID_SIZE);
    const gridTensor = tf.tensor2d(grid.points, [VI_GRID_SIZE * VI_GRID_SIZE, 2]);
    const logP = Float32Array.from({ length: VI_GRID_SIZE * VI_GRID_SIZE }, (_, k) =>
      target.logDensity(grid.points[2 * k], grid.points[2 * k + 1]),
    );
    const sampleRng = rng.fork();
    let step = 0;
    let lastElbo = NaN;
    return {
      async step(): Promise<Metrics> {
        lastElbo = await elboStep(optimizer, target, family, rng, samples);
        step++;
        const metrics: Metrics = { elbo: lastElbo };
        if (target.logZ !== null) metrics.logZ = target.logZ;
        return metrics;
      },
      async snapshot(): Promise<Plain> {
        const eps = drawEps(sampleRng, SNAPSHOT_SAMPLES);
        const { z, logQ } = family.sample(eps);
        const lq = family.logDensity(gridTensor);
        const [zs, lqs] = await Promise.all([z.data(), lq.data()]);
        tf.dispose([eps, z, logQ, lq]);
        return {
          box: Float64Array.from(target.box),
          gridSize: VI_GRID_SIZE,
          logP,
          logQ: Float32Array.from(lqs),
          samples: Float32Array.from(zs),
          elbo: lastElbo,
          logZ: target.logZ,
          step,
        };
      },
      async checkpoint(): Promise<Plain> {
        const values = await Promise.all(family.variables.map(async (v) => Float32Array.from(await v.data())));
        return { step, values, adam: await saveAdamState(optimizer) } as unknown as Plain;
      },
      async restore(c) {
        const saved = c as unknown as { step: number; values: Float32Array[]; adam: AdamState };
        family.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(saved.values[i], v.shape))));
        await restoreAdamState(optimizer, saved.adam);
        step = saved.step;
      },
      setParams(values) {
        if (typeof values.lr === 'number') setAdamLearningRate(optimizer, values.lr);
        if (typeof values.samples === 'number') samples = values.samples;
      },
      corrupt() {
        const v = family.variables[0];
        tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
      },
      dispose() {
        optimizer.dispose();
        family.dispose();
        gridTensor.dispose();
      },
    };
  },
  async summarize(session) {
    const snap = (await session.snapshot()) as { elbo: number; logZ: number | null };
    return { elbo: snap.elbo.toFixed(4), logZ: snap.logZ === null ? 'unknown' : snap.logZ.toFixed(4) };
  },
});

export default vi2dFitDemo;
