import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { trainingData } from '../../../src/core/bnn/data';
import { linearElbo, linearLogEvidence, linearPosterior } from '../../../src/core/bnn/linearClosedForm';
import type { VariationalValues } from '../../../src/core/bnn/predictive';
import { createFloat64Run } from '../../../src/core/bnn/float64Run';
import { createBnnRun, type BnnConfig } from '../../../src/core/bnn/run';

beforeAll(async () => {
  await useBackend('wasm');
});

const NOISE_VAR = 0.04;
const PRIOR_VAR = 1;
const data = trainingData(60, 0.2, createRng(4));

describe('linear model: the mean-field optimum in closed form', () => {
  const post = linearPosterior(data.x, data.y, NOISE_VAR, PRIOR_VAR);
  const elbo = (m: [number, number], v: [number, number]) => linearElbo(data.x, data.y, NOISE_VAR, PRIOR_VAR, m, v).elbo;

  it('is a stationary point of the independently written ELBO (central differences in m and log v)', () => {
    const m = post.mean;
    const v = post.mfVar;
    for (let j = 0; j < 2; j++) {
      const h = 1e-5;
      const dm = (elbo(j ? [m[0], m[1] + h] : [m[0] + h, m[1]], v) - elbo(j ? [m[0], m[1] - h] : [m[0] - h, m[1]], v)) / (2 * h);
      const up: [number, number] = [...v];
      const dn: [number, number] = [...v];
      up[j] *= Math.exp(h);
      dn[j] *= Math.exp(-h);
      const dlogv = (elbo(m, up) - elbo(m, dn)) / (2 * h);
      expect(Math.abs(dm)).toBeLessThan(1e-4);
      expect(Math.abs(dlogv)).toBeLessThan(1e-4);
    }
  });

  it('is a maximum: every random perturbation lowers the ELBO', () => {
    const rng = createRng(9);
    const best = elbo(post.mean, post.mfVar);
    for (let k = 0; k < 200; k++) {
      const scale = 0.3 * rng.uniform();
      const m: [number, number] = [post.mean[0] + scale * Math.sqrt(post.mfVar[0]) * rng.normal(), post.mean[1] + scale * Math.sqrt(post.mfVar[1]) * rng.normal()];
      const v: [number, number] = [post.mfVar[0] * Math.exp(scale * rng.normal()), post.mfVar[1] * Math.exp(scale * rng.normal())];
      expect(elbo(m, v)).toBeLessThanOrEqual(best + 1e-9);
    }
  });

  it('falls short of log p(y) by exactly −½ log(1 − ρ²), ρ the posterior correlation of slope and intercept', () => {
    const gap = linearLogEvidence(data.x, data.y, NOISE_VAR, PRIOR_VAR) - elbo(post.mean, post.mfVar);
    const rho = post.cov[1] / Math.sqrt(post.cov[0] * post.cov[2]);
    expect(Math.abs(rho)).toBeGreaterThan(0.1); // the off-centre gap makes the inputs' mean nonzero
    expect(gap).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 8);
  });

  it('log p(y) matches the Gaussian marginal N(0, σ²I + s²ΦΦᵀ) computed directly (n = 3)', () => {
    const x = [0.3, -0.8, 1.1];
    const y = [0.2, -0.5, 0.9];
    // covariance C = σ² I + s² (x xᵀ + 1 1ᵀ)
    const C = x.flatMap((xi, i) => x.map((xj, j) => (i === j ? NOISE_VAR : 0) + PRIOR_VAR * (xi * xj + 1)));
    const det = (a: number[]) => a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    // y' C⁻¹ y by Cramer's rule
    const solve = (j: number) => det(C.map((c, k) => (k % 3 === j ? y[Math.floor(k / 3)] : c))) / det(C);
    const quad = y.reduce((t, yi, i) => t + yi * solve(i), 0);
    const direct = -1.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(det(C)) - 0.5 * quad;
    expect(linearLogEvidence(x, y, NOISE_VAR, PRIOR_VAR)).toBeCloseTo(direct, 10);
  });
});

const LINEAR: BnnConfig = { model: 'linear', family: 'mean-field', hidden: 1, prior: 'fixed', priorSd: 1, noise: 'fixed', n: 100, trueNoiseSd: 0.2, lr: 0.01, initSd: 0.1, heldOut: 10 };

/** Adam with the step size cut tenfold twice: the iterate settles instead of jittering. */
async function trainLinear(run: { step(): unknown; setLearningRate(lr: number): void }, perStage: number) {
  for (const lr of [0.01, 0.001, 0.0001]) {
    run.setLearningRate(lr);
    for (let t = 0; t < perStage; t++) await run.step();
  }
}

function expectAtClosedForm(values: VariationalValues, x: Float64Array, y: Float64Array) {
  if ('kind' in values) throw new Error('a mean-field q was expected');
  const q = values;
  const post = linearPosterior(x, y, 0.04, 1);
  const m = [q.layers[0].wMean[0], q.layers[0].bMean[0]];
  const v = [q.layers[0].wSd[0] ** 2, q.layers[0].bSd[0] ** 2];
  for (let j = 0; j < 2; j++) {
    // within a tenth of the exact posterior sd in the mean, 10% in the variance
    expect(Math.abs(m[j] - post.mean[j])).toBeLessThan(0.1 * Math.sqrt(post.cov[j === 0 ? 0 : 2]));
    expect(Math.abs(v[j] / post.mfVar[j] - 1)).toBeLessThan(0.1);
  }
  // the exact marginal variances are larger by 1/(1 − ρ²), which the mean-field family cannot reach
  const rho2 = post.cov[1] ** 2 / (post.cov[0] * post.cov[2]);
  expect(post.cov[0] / post.mfVar[0]).toBeCloseTo(1 / (1 - rho2), 8);
  expect(rho2).toBeGreaterThan(0.01);
}

describe('linear model: training reaches the closed form', () => {
  it('float64 run (the twin of the tfjs run)', async () => {
    const run = createFloat64Run(LINEAR, 2);
    await trainLinear(run, 4000);
    expectAtClosedForm(run.values().q, run.train.x, run.train.y);
  });

  it('tfjs run', async () => {
    const run = createBnnRun(LINEAR, 2);
    await trainLinear(run, 1500);
    expectAtClosedForm((await run.values()).q, run.train.x, run.train.y);
    run.dispose();
  }, 300_000);
});
