/**
 * The ddm-digits session's sampler option (chapter 8's widget): DDIM visits k of the T steps, its
 * chain frames are visited timesteps from T to 0, k is clamped to T, and the ancestral default is
 * unchanged (frames at T, 0.8T, …, 0).
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ddimSample, ddimTimesteps } from '../../../src/core/diffusion/ddim';
import { createDigitsSession, ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { defaultParams } from '../../../src/core/params';
import { createRng } from '../../../src/core/random';
import { gaussianNoisePredictor } from '../../../src/core/diffusion/gaussianOracle';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { digitsSnapshot, loadAsset, useWasmBeforeAll } from '../../support/digitsSession';

useWasmBeforeAll();

describe('ddimSample’s onState', () => {
  it('reports x_T and every visited state, ending at t = 0 with the returned sample', async () => {
    const s = makeSchedule('cosine', 30);
    const seen: [number, Float64Array][] = [];
    const x = await ddimSample(gaussianNoisePredictor([0], [1], 1, s), s, 4, 1, createRng(3), { eta: 0.5, steps: 6, onState: (t, v) => seen.push([t, v]) });
    expect(seen.map(([t]) => t)).toEqual([...ddimTimesteps(30, 6), 0]);
    expect(Array.from(seen[6][1])).toEqual(Array.from(x));
  });
});

describe("'ddm-digits' sampler option (14×14 shipped model)", () => {
  it('DDIM shows k network calls and frames at visited steps from T to 0; k is clamped to T; ancestral keeps its frames; no tensors leak', async () => {
    const session = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: '14', pretrained: true, sampler: 'ddim', ddimSteps: 10 }, 1, loadAsset);
    const start = tf.memory().numTensors;
    const T = session.net.schedule.T;
    const snap = await digitsSnapshot(session);
    expect(snap.sampler).toBe('ddim');
    expect(snap.calls).toBe(10);
    const visited = [...ddimTimesteps(T, 10), 0];
    expect(snap.chainT[0]).toBe(T);
    expect(snap.chainT[snap.chainT.length - 1]).toBe(0);
    for (const t of snap.chainT) expect(visited).toContain(t);
    expect(snap.samples.every((v) => v >= 0 && v <= 1)).toBe(true);
    // the last chain frame is the samples themselves
    const d = snap.samples.length / 16;
    expect(Array.from(snap.chain.subarray(5 * 16 * d, 6 * 16 * d))).toEqual(Array.from(snap.samples));

    session.setParams({ ddimSteps: 5000 });
    expect((await digitsSnapshot(session)).calls).toBe(T);

    session.setParams({ sampler: 'ancestral' });
    const a = await digitsSnapshot(session);
    expect(a.calls).toBe(T);
    expect(Array.from(a.chainT)).toEqual([0, 1, 2, 3, 4, 5].map((k) => Math.round((T * (5 - k)) / 5)));
    expect(tf.memory().numTensors).toBe(start);
    session.dispose();
  }, 120_000);
});
