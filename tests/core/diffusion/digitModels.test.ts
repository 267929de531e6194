/**
 * The 'ddm-digits' demo's U-Net choice (src/core/diffusion/digitModels.ts): from scratch it is the
 * shipped recipe's architecture on the demo's T and schedule, trains (a step changes the weights
 * and returns a finite loss) and samples 28×28 digits in [0, 1] without leaking tensors; a missing
 * shipped file is named with the command that makes it; the shipped file (once there) loads with
 * its own T, schedule and training record.
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDigitsSession, ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { DIGIT_MODELS, UNET_FROM_SCRATCH } from '../../../src/core/diffusion/digitModels';
import { UnetDenoiser } from '../../../src/core/diffusion/unetDenoiser';
import { decodeUnetModel, UNET_WEIGHTS_PATH } from '../../../src/core/diffusion/unetWeights';
import { defaultParams, parseParams } from '../../../src/core/params';
import { digitsSnapshot, loadAsset, repoRoot as root, useWasmBeforeAll } from '../../support/digitsSession';

useWasmBeforeAll();

describe("'ddm-digits' model choice", () => {
  it('offers the U-Net first and opens on it, sampled by DDIM; an unknown model in the URL is clamped to it with a notice', () => {
    expect(DIGIT_MODELS[0]).toBe('unet');
    const d = defaultParams(ddmDigitsParams);
    expect([d.model, d.pretrained, d.sampler, d.eta]).toEqual(['unet', true, 'ddim', 0]);
    expect(ddmDigitsParams.model.options).toEqual(DIGIT_MODELS);
    const { values, notices } = parseParams(ddmDigitsParams, { model: 'resnet' });
    expect(values.model).toBe('unet');
    expect(notices.map((n) => n.name)).toContain('model');
    expect(parseParams(ddmDigitsParams, { model: '14' }).values.model).toBe('14');
  });

  it('U-Net from scratch: the shipped architecture on the demo’s T; a step trains it; DDIM samples 16 digits in [0, 1]; nothing leaks', async () => {
    const params = { ...defaultParams(ddmDigitsParams), model: 'unet' as const, pretrained: false, T: 20, batch: 4, sampler: 'ddim' as const, ddimSteps: 3 };
    const session = await createDigitsSession(params, 2, loadAsset);
    const start = tf.memory().numTensors;
    expect(session.net).toBeInstanceOf(UnetDenoiser);
    expect(session.net.config).toEqual(UNET_FROM_SCRATCH);
    expect(session.net.schedule.T).toBe(20);
    expect(session.pretrainedSteps).toBe(0);
    const w0 = await session.net.getWeights();
    const { loss } = await session.step();
    expect(Number.isFinite(loss)).toBe(true);
    const w1 = await session.net.getWeights();
    expect(w1.some((w, i) => w.some((v, k) => v !== w0[i][k]))).toBe(true);
    const snap = await digitsSnapshot(session, { resting: true });
    expect([snap.side, snap.model, snap.T, snap.calls]).toEqual([28, 'unet', 20, 3]);
    expect(snap.samples.length).toBe(16 * 784);
    expect(snap.samples.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
    session.dispose();
  }, 120_000);

  it('a missing shipped U-Net file is named, with the command that makes it', async () => {
    const params = { ...defaultParams(ddmDigitsParams), model: 'unet' as const, pretrained: true };
    const without = async (p: string) => {
      if (p === UNET_WEIGHTS_PATH) throw new Error(`could not load /${p} (HTTP 404)`);
      return loadAsset(p);
    };
    await expect(createDigitsSession(params, 1, without)).rejects.toThrow(/digits28unet\.safetensors could not be loaded \(could not load .*HTTP 404\).*make-weights ddm-unet/);
  });

  it.skipIf(!existsSync(path.join(root, 'public', UNET_WEIGHTS_PATH)))('the shipped U-Net loads with its own T, schedule, architecture and step count, and trains on', async () => {
    const file = decodeUnetModel(readFileSync(path.join(root, 'public', UNET_WEIGHTS_PATH)));
    const session = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: 'unet', pretrained: true, T: 50 }, 1, loadAsset);
    expect(session.net.config).toEqual(file.config);
    expect(session.net.schedule.T).toBe(Number(file.meta.T));
    expect(session.pretrainedSteps).toBe(Number(file.meta.steps));
    const got = await session.net.getWeights();
    expect(got.map((w) => w.length)).toEqual(file.tensors.map((w) => w.length));
    expect(Array.from(got[4])).toEqual(Array.from(file.tensors[4]));
    // live training from the shipped weights
    session.setParams({ batch: 4 });
    const { loss } = await session.step();
    expect(Number.isFinite(loss)).toBe(true);
    expect(Array.from((await session.net.getWeights())[4])).not.toEqual(Array.from(file.tensors[4]));
    session.dispose();
  }, 60_000);
});
