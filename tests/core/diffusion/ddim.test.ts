import { describe, expect, it } from 'vitest';
import ddmDemo from '../../../src/core/diffusion/ddmDemo';
import { ddmParams } from '../../../src/core/diffusion/ddmParams';
import type { DdmSession } from '../../../src/core/diffusion/ddmSession';
import { ddimSample, ddimStep, ddimTimesteps } from '../../../src/core/diffusion/ddim';
import { gaussianNoisePredictor } from '../../../src/core/diffusion/gaussianOracle';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { defaultParams } from '../../../src/core/params';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

describe('DDIM timesteps', () => {
  it('are k distinct descending steps of 1..T ending at T', () => {
    expect(ddimTimesteps(10, 10)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ddimTimesteps(200, 4)).toEqual([200, 150, 100, 50]);
    const ts = ddimTimesteps(1000, 37);
    expect(new Set(ts).size).toBe(37);
    expect(ts.every((t, i) => i === 0 || t < ts[i - 1])).toBe(true);
    expect(() => ddimTimesteps(10, 11)).toThrow(/steps/);
  });
});

describe('DDIM with η = 1 on the full sequence', () => {
  const m = [0.5, -0.3];
  const S = [0.6, 0.2, 0.2, 0.4];
  for (const kind of ['linear', 'cosine'] as const) {
    for (const clip of [undefined, [-0.5, 0.5] as const]) {
      it(`is the ancestral sampler with σ_t² = β̃_t, same draws (${kind} schedule, clip ${clip ? 'on' : 'off'})`, async () => {
        const s = makeSchedule(kind, 40);
        const predict = gaussianNoisePredictor(m, S, 2, s);
        const a = await ancestralSample(predict, s, 50, 2, createRng(9), { variance: 'betaTilde', clipX0: clip });
        const b = await ddimSample(predict, s, 50, 2, createRng(9), { eta: 1, clipX0: clip });
        let worst = 0;
        for (let i = 0; i < 100; i++) worst = Math.max(worst, Math.abs(a.samples[i] - b[i]));
        expect(worst).toBeLessThan(1e-9);
        // and η = 0.5 is a different sampler: the check can fail
        const c = await ddimSample(predict, s, 50, 2, createRng(9), { eta: 0.5, clipX0: clip });
        expect(Math.abs(c[0] - a.samples[0]) + Math.abs(c[1] - a.samples[1])).toBeGreaterThan(1e-3);
      });
    }
  }
});

describe('DDIM with η = 0 on Gaussian data N(m, S) (scalar S) with the exact ε-predictor', () => {
  const mu = 0.7;
  const v = 0.3; // S
  /** The η = 0 sampler is an affine map x_T ↦ a x_T + b per coordinate; read a and b off two starts. */
  async function affine(T: number, steps: number) {
    const s = makeSchedule('linear', T);
    const out = await ddimSample(gaussianNoisePredictor([mu], [v], 1, s), s, 3, 1, createRng(1), { eta: 0, steps, start: new Float64Array([0, 1, 2]) });
    return { a: out[1] - out[0], b: out[0], affineGap: Math.abs(out[2] - 2 * out[1] + out[0]) };
  }

  it('maps x_T ~ N(0, 1) to N(b, a²), and the true marginal q(x_T) to moments that approach (m, S) as the steps increase', async () => {
    const s = makeSchedule('linear', 1000);
    const aT = s.alphaBar[1000];
    const errs: number[] = [];
    for (const steps of [5, 20, 100, 1000]) {
      const { a, b, affineGap } = await affine(1000, steps);
      expect(affineGap).toBeLessThan(1e-10);
      // from q(x_T) = N(√ᾱ_T m, ᾱ_T S + 1 − ᾱ_T) the map's output moments are exact up to discretization
      const mean = a * Math.sqrt(aT) * mu + b;
      const variance = a * a * (aT * v + 1 - aT);
      // the mean is carried exactly at any step count (each step is affine and the predictor exact)
      expect(Math.abs(mean - mu)).toBeLessThan(1e-12);
      errs.push(Math.abs(variance - v));
      // from N(0, 1) (what the sampler draws) the output is N(b, a²): off by the signal ᾱ_T leaves in x_T
      expect(Math.abs(b - mu)).toBeLessThan(0.01);
    }
    for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
    expect(errs[3]).toBeLessThan(2e-3); // measured 1.7e−3 (≈ 1/steps): Euler-like discretization of the ODE
    expect(errs[0]).toBeGreaterThan(0.1); // 0.21 at 5 steps: the check can fail
  });

  it('for N(0, 1) data is x_T ↦ Π cos(φ_{t_i} − φ_{t_{i−1}}) x_T with cos φ_t = √ᾱ_t (chapter 8, check-yourself): √ᾱ_T in one step, → 1 with many', async () => {
    const s = makeSchedule('linear', 1000);
    const p = gaussianNoisePredictor([0], [1], 1, s);
    const phi = (t: number) => Math.acos(Math.sqrt(s.alphaBar[t]));
    for (const k of [1, 3, 50, 1000]) {
      const [x] = await ddimSample(p, s, 1, 1, createRng(0), { eta: 0, steps: k, start: new Float64Array([1]) });
      const ts = [...ddimTimesteps(1000, k), 0];
      let want = 1;
      for (let i = 1; i < ts.length; i++) want *= Math.cos(phi(ts[i - 1]) - phi(ts[i]));
      expect(x).toBeCloseTo(want, 10);
      if (k === 1) expect(x).toBeCloseTo(Math.sqrt(s.alphaBar[1000]), 12);
      if (k === 1000) expect(x).toBeGreaterThan(0.99);
    }
  });

  it('draws no random numbers and is the same map whatever the rng', async () => {
    const s = makeSchedule('cosine', 50);
    const p = gaussianNoisePredictor([mu], [v], 1, s);
    const start = new Float64Array([0.3, -1.2]);
    const a = await ddimSample(p, s, 2, 1, createRng(1), { eta: 0, steps: 10, start });
    const b = await ddimSample(p, s, 2, 1, createRng(2), { eta: 0, steps: 10, start });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('one step is x_s = √ᾱ_s (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t + √(1−ᾱ_s) ε̂', () => {
    const s = makeSchedule('cosine', 100);
    const x = [0.4, -1.1, 2];
    const eps = [0.9, 0.1, -0.5];
    const [t, r] = [80, 35];
    const got = ddimStep(s, t, r, x, eps, 0, createRng(0));
    const at = s.alphaBar[t];
    const ar = s.alphaBar[r];
    for (let i = 0; i < 3; i++) {
      const want = (Math.sqrt(ar) * (x[i] - Math.sqrt(1 - at) * eps[i])) / Math.sqrt(at) + Math.sqrt(1 - ar) * eps[i];
      expect(got[i]).toBeCloseTo(want, 12);
    }
  });

  it('rejects η outside [0, 1]', async () => {
    const s = makeSchedule('cosine', 10);
    await expect(ddimSample(gaussianNoisePredictor([0], [1], 1, s), s, 1, 1, createRng(0), { eta: 1.5 })).rejects.toThrow(/η/);
  });
});

describe('DDIM on a tfjs denoiser', () => {
  it('leaks no tensors', async () => {
    const tf = await useBackend('wasm');
    const params = { ...defaultParams(ddmParams), T: 20, width: 32, batch: 64, steps: 5 };
    const session = (await ddmDemo.create({ params, seed: 3 })) as unknown as DdmSession;
    const start = tf.memory().numTensors;
    const x = await ddimSample(session.net.predict, session.net.schedule, 30, 2, createRng(4), { eta: 0, steps: 7 });
    expect(x.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
    session.dispose();
  });
});
