/**
 * Evaluates the shipped two-layer VAE (public/weights/vae/hvae.safetensors) with the book's core
 * code and writes the numbers chapter 7 quotes to src/core/vae/hvae/chapterNumbers.json: held-out
 * ELBO and each layer's KL (10 draws per digit), active units per layer, and the IWAE bound with
 * K = 500 on the same 1,000 held-out digits as the one-layer VAE's numbers, and the standard errors of
 * the two-layer model's gains over it (paired over digits, from the draws behind both models' numbers).
 *   nice -n 10 npx tsx scripts/hvaeNumbers.ts      (after `npm run lab -- make-weights hvae`)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../tests/support/tf';
import { loadMnistArrays } from '../src/core/vae/data';
import { HVAE_PARAM_NAMES, hvaeParamShapes, hvaeParameterCount, type HvaeWeights } from '../src/core/vae/hvae/model';
import { HVAE_CHECK_DIGITS, hvaeDigest, hvaeHeldOut, hvaeIwaePerDigit, pairedDifference } from '../src/core/vae/hvae/numbers';
import { loadPretrained } from '../src/core/vae/loadPretrained';
import { disposeWeights } from '../src/core/vae/model';
import { CHECK_IWAE_DIGITS, heldOutElboPerDigit, iwae500PerDigit } from './vaeNumbersCheck';
import { HVAE_WEIGHT_FILE } from '../src/core/vae/hvae/pretrained';
import { deserializeHvae } from '../src/core/vae/hvae/serialize';

const OUT = 'src/core/vae/hvae/chapterNumbers.json';
const loadAsset = async (path: string) => {
  const b = readFileSync(`public/${path}`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};

async function main() {
  await useBackend('wasm');
  const data = await loadMnistArrays(loadAsset);
  const file = deserializeHvae(await loadAsset(HVAE_WEIGHT_FILE));
  const shapes = hvaeParamShapes(file.shape);
  const w = Object.fromEntries(HVAE_PARAM_NAMES.map((n) => [n, tf.tensor(file.arrays[n], shapes[n])])) as HvaeWeights;
  const t0 = Date.now();
  const { perDigit: elboPerDigit, ...held } = await hvaeHeldOut(w, file.shape, data.testImages);
  console.log('held-out', held);
  const perDigit = await hvaeIwaePerDigit(w, file.shape, data.testImages);
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  // the one-layer VAE's per-digit values from the draws behind its stored numbers, for paired standard errors
  const one = await loadPretrained(loadAsset, 'default');
  const oneElbo = await heldOutElboPerDigit(one.weights, one.shape, data.testImages);
  const oneIwae = await iwae500PerDigit(one.weights, one.shape, data.testImages);
  disposeWeights(one.weights);
  const elboGain = pairedDifference(elboPerDigit, oneElbo);
  const iwaeGain = pairedDifference(perDigit, oneIwae);
  console.log('paired gains', elboGain, iwaeGain);
  const summary = file.meta.summary as { msPerStep?: number } | undefined;
  const out = {
    parameterCount: hvaeParameterCount(file.shape),
    shape: file.shape,
    ...held,
    iwae500: mean(perDigit),
    elboGainSe: elboGain.se,
    iwaeGainSe: iwaeGain.se,
    msPerStepTraining: summary?.msPerStep ?? null,
    check: {
      digest: hvaeDigest(file.arrays),
      digits: HVAE_CHECK_DIGITS,
      iwae500: mean(perDigit.subarray(0, HVAE_CHECK_DIGITS)),
      gainDigits: CHECK_IWAE_DIGITS,
      iwaeGainPrefix: pairedDifference(perDigit.subarray(0, CHECK_IWAE_DIGITS), oneIwae.subarray(0, CHECK_IWAE_DIGITS)).mean,
    },
  };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${OUT} in ${((Date.now() - t0) / 1000).toFixed(0)} s`, out);
  tf.dispose(Object.values(w));
}

void main();
