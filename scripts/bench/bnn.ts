/**
 * Step time of chapter 11's BNN run at the widget's defaults (one hidden layer of 20 tanh units,
 * n = 100): the tfjs run (wasm, Node) that the worker drives, its float64 twin that computes the
 * chapter's numbers, timed in alternation in one run, and one evaluation (bands, held-out scores)
 * as a snapshot costs it; then the same for the linearized full-covariance family (d = 61 weights,
 * a 61 × 61 Cholesky factor), keys prefixed `linearized_`.
 */
import { useBackend } from '../../tests/support/tf';
import { defaultParams } from '../../src/core/params';
import { bnnParams, configOf } from '../../src/core/bnn/demo';
import { createBnnRun } from '../../src/core/bnn/run';
import { createFloat64Run } from '../../src/core/bnn/float64Run';
import { evaluateRun } from '../../src/core/bnn/evaluate';
import type { BenchEntry, BenchResult } from './types';

export async function measureBnn(rounds = 5, stepsPerRound = 100): Promise<BenchResult> {
  const meanField = await measureFamily('mean-field', rounds, stepsPerRound);
  const linearized = await measureFamily('linearized', rounds, stepsPerRound);
  const out: BenchResult = { ...meanField };
  for (const [k, v] of Object.entries(linearized)) out[`linearized_${k}`] = v;
  out.linearized_over_mean_field_tfjs = linearized.tfjs_wasm_step_ms / meanField.tfjs_wasm_step_ms;
  return out;
}

async function measureFamily(family: 'mean-field' | 'linearized', rounds: number, stepsPerRound: number): Promise<Record<string, number>> {
  await useBackend('wasm');
  const config = { ...configOf(defaultParams(bnnParams)), family };
  const tfRun = createBnnRun(config, 1);
  const f64 = createFloat64Run(config, 1);
  for (let t = 0; t < 20; t++) {
    await tfRun.step();
    f64.step();
  }
  let tfMs = 0;
  let f64Ms = 0;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (let t = 0; t < stepsPerRound; t++) await tfRun.step();
    tfMs += performance.now() - t0;
    t0 = performance.now();
    for (let t = 0; t < stepsPerRound; t++) f64.step();
    f64Ms += performance.now() - t0;
  }
  const t0 = performance.now();
  evaluateRun(await tfRun.values(), tfRun, null);
  const evalMs = performance.now() - t0;
  tfRun.dispose();
  const n = rounds * stepsPerRound;
  return { tfjs_wasm_step_ms: tfMs / n, float64_step_ms: f64Ms / n, tfjs_over_float64: tfMs / f64Ms, evaluation_ms: evalMs };
}

export const bnnBench: BenchEntry = { name: 'bnn', run: () => measureBnn() };
