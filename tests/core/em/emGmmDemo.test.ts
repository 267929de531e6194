import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import demo, { type EmGmmSnapshot } from '../../../src/core/em/emGmmDemo';
import { loadDemo } from '../../../src/core/registry';
import { defaultParams, type ParamValues } from '../../../src/core/params';
import { emGmmParams } from '../../../src/core/em/emGmmParams';
import { allFinite } from '../../../src/core/demo';

type V = ParamValues<typeof emGmmParams>;
const make = (p: Partial<V>, seed = 1, input?: Float64Array) =>
  demo.create({ params: { ...defaultParams(emGmmParams), ...p }, seed, input });

describe("demo 'em-gmm'", () => {
  it('is registered', async () => {
    expect((await loadDemo('em-gmm')).id).toBe('em-gmm');
  });

  it('climbs monotonically and stops on convergence; snapshot shapes are right', async () => {
    await useBackend('cpu');
    const s = await make({ n: 300, k: 3, dataset: 'blobs', tol: 1e-6 });
    let prev = -Infinity;
    let steps = 0;
    while (!s.isDone!() && steps < 500) {
      const m = await s.step();
      expect(allFinite(m)).toBe(true);
      expect(m.logLik).toBeGreaterThanOrEqual(prev - 1e-5);
      prev = m.logLik;
      steps++;
    }
    expect(s.isDone!()).toBe(true);
    expect(steps).toBeLessThan(300);
    const snap = (await s.snapshot()) as EmGmmSnapshot;
    expect(snap.resp.length).toBe(300 * 3);
    expect(snap.data.length).toBe(600);
    expect(snap.covariances.length).toBe(12);
    expect(snap.restartSummaries).toHaveLength(1);
    expect(snap.restartSummaries[0].converged).toBe(true);
    expect(snap.done).toBe(true);
    // standard errors at the polished MLE: each mean's Wald interval contains the float32 estimate
    expect(snap.inference?.ok).toBe(true);
    if (snap.inference?.ok) {
      expect(snap.inference.maxAbsScore).toBeLessThan(1e-3);
      snap.inference.components.forEach((c, i) => {
        expect(c.weight.se).toBeGreaterThan(0);
        c.mean.forEach((e, j) => {
          expect(e.se).toBeGreaterThan(0);
          expect(e.lower).toBeLessThan(snap.means[2 * i + j]);
          expect(e.upper).toBeGreaterThan(snap.means[2 * i + j]);
        });
      });
    }
    s.dispose();
  });

  it('half-steps: M moves ellipses and opens a gap ℓ ≥ bound; E closes it', async () => {
    await useBackend('cpu');
    const s = await make({ n: 200, k: 3, dataset: 'moons', halfSteps: true });
    const before = (await s.snapshot()) as EmGmmSnapshot;
    expect(before.phase).toBe('init');
    const m1 = await s.step();
    const afterM = (await s.snapshot()) as EmGmmSnapshot;
    expect(afterM.phase).toBe('M');
    expect(Array.from(afterM.resp)).toEqual(Array.from(before.resp)); // colours not yet updated
    expect(Array.from(afterM.means)).not.toEqual(Array.from(before.means));
    expect(m1.logLik).toBeGreaterThanOrEqual(m1.bound - 1e-5);
    expect(m1.bound).toBeGreaterThanOrEqual(before.logLik - 1e-5);
    const m2 = await s.step();
    const afterE = (await s.snapshot()) as EmGmmSnapshot;
    expect(afterE.phase).toBe('E');
    expect(Array.from(afterE.resp)).not.toEqual(Array.from(afterM.resp));
    expect(m2.bound).toBe(m2.logLik);
    expect(m2.step).toBe(1);
    s.dispose();
  });

  it('restarts: one summary per restart, the best one displayed at the end', async () => {
    await useBackend('cpu');
    const s = await make({ n: 300, k: 5, dataset: 'rings', restarts: 3, maxSteps: 60 });
    let steps = 0;
    while (!s.isDone!() && steps < 1000) {
      await s.step();
      steps++;
    }
    const snap = (await s.snapshot()) as EmGmmSnapshot;
    expect(snap.restartSummaries).toHaveLength(3);
    const lls = snap.restartSummaries.map((r) => r.logLik);
    expect(new Set(snap.restartSummaries.map((r) => r.seed)).size).toBe(3);
    expect(snap.logLik).toBeCloseTo(Math.max(...lls), 10);
    expect(snap.bestRestart).toBe(lls.indexOf(Math.max(...lls)));
    s.dispose();
  });

  it('guard off: a collapse is detected and reported; guard on: it is re-seeded', async () => {
    await useBackend('cpu');
    // few points, many components, tiny noise on the checkerboard: some component ends up alone
    let sawCollapse = false;
    for (let seed = 1; seed <= 10 && !sawCollapse; seed++) {
      const s = await make({ n: 20, k: 10, dataset: 'blobs', noise: 0.3, guard: false, maxSteps: 200 }, seed);
      for (let t = 0; t < 200 && !s.isDone!(); t++) expect(allFinite(await s.step())).toBe(true);
      const snap = (await s.snapshot()) as EmGmmSnapshot;
      if (snap.degenerate.some((f) => f === 1)) {
        sawCollapse = true;
        expect(snap.degenerateNotes.length).toBeGreaterThan(0);
        expect(snap.degenerateNotes[0]).toMatch(/likelihood/);
        const g = await make({ n: 20, k: 10, dataset: 'blobs', noise: 0.3, guard: true, maxSteps: 200 }, seed);
        for (let t = 0; t < 200 && !g.isDone!(); t++) await g.step();
        const gs = (await g.snapshot()) as EmGmmSnapshot;
        expect(gs.events.length).toBeGreaterThan(0);
        expect(gs.events[0]).toMatch(/re-seeded/);
        g.dispose();
      }
      s.dispose();
    }
    expect(sawCollapse).toBe(true);
  });

  it('uses drawn points when valid and explains when not', async () => {
    await useBackend('cpu');
    const drawn = Float64Array.from([10, 10, 20, 10, 30, 40, 15, 25, 22, 33, 40, 40]);
    const s = await make({ k: 2 }, 1, drawn);
    const snap = (await s.snapshot()) as EmGmmSnapshot;
    expect(snap.source).toBe('drawn');
    expect(snap.n).toBe(6);
    s.dispose();
    const bad = await make({ k: 2, n: 50 }, 1, Float64Array.from([1, 2, 3, 4]));
    const bs = (await bad.snapshot()) as EmGmmSnapshot;
    expect(bs.source).toBe('blobs');
    expect(bs.notice).toMatch(/at least/);
    bad.dispose();
  });

  it('corrupt() makes the next metrics non-finite; restore() brings back the checkpoint, which replays the same step', async () => {
    await useBackend('cpu');
    const s = await make({ n: 100 });
    await s.step();
    const cp = await s.checkpoint();
    const replay = await s.step(); // the step after the checkpoint
    for (let t = 0; t < 3; t++) await s.step();
    s.corrupt!();
    expect(allFinite(await s.step())).toBe(false);
    await s.restore(cp);
    // not merely finite: the very step that followed the checkpoint (a restore to the start, or to the
    // latest state, would give other numbers)
    expect(await s.step()).toEqual(replay);
    s.dispose();
  });

  it('leaks no tensors over 2,000 steps (wasm), across restarts and half-steps', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const s = await make({ n: 200, k: 4, dataset: 'moons', restarts: 8, maxSteps: 250, tol: 1e-10 });
    const afterCreate = tf.memory().numTensors;
    let toggled = false;
    for (let t = 0; t < 2000; t++) {
      if (t === 1000) {
        s.setParams!({ halfSteps: true });
        toggled = true;
      }
      await s.step();
      if (t % 100 === 0) await s.snapshot();
    }
    expect(toggled).toBe(true);
    expect(tf.memory().numTensors).toBe(afterCreate);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
