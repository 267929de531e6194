/**
 * Factorized versus amortized VI on one data set, trained side by side with Adam:
 *   factorized: free (m_n, log s_n) for every observation — the best any Gaussian mean-field q can do;
 *   amortized:  one encoder per width in `widths`, (m_n, log s_n) = f_φ(x_n).
 * The amortization gap of an encoder is (ELBO_factorized − ELBO_amortized)/N, per observation;
 * the approximation gap is (log p(x) − ELBO_factorized)/N.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../../math/tfVariable';
import { restoreAdamState, saveAdamState, type AdamState } from '../adamState';
import type { Rng } from '../../random';
import { ensureGradients } from '../families/ensureGradients';
import { meanFieldElbo } from './elbo';
import { createEncoder, type Encoder } from './encoder';
import { amortizedLogEvidence, type AmortizedModel } from './models';

export const ENCODER_WIDTHS = [0, 1, 2, 4, 8, 32] as const;

export interface AmortizationReading {
  /** Per-observation ELBO of the factorized q. */
  factorized: number;
  /** Per-observation ELBO of each encoder, in the order of `widths`. */
  amortized: number[];
  /** Per-observation log p(x). */
  logEvidence: number;
}

export interface StudyCheckpoint {
  values: Float32Array[];
  adam: AdamState;
}

export interface AmortizationStudy {
  widths: readonly number[];
  x: Float64Array;
  /** One Adam step on −(ELBO_factorized + Σ_w ELBO_w); returns the ELBOs before the step. */
  step(): Promise<AmortizationReading>;
  /** Current (m, log s) of the factorized q and of each encoder at the data, plus encoder curves on `grid`. */
  read(grid: Float64Array): Promise<{
    factorized: { m: Float32Array; logS: Float32Array };
    amortized: { m: Float32Array; logS: Float32Array }[];
    curves: { m: Float32Array; logS: Float32Array }[];
  }>;
  setLearningRate(lr: number): void;
  /** All trainable values, for checkpoints. */
  /** Parameters and Adam's state (see ../adamState). */
  save(): Promise<StudyCheckpoint>;
  load(saved: StudyCheckpoint): Promise<void>;
  corrupt(): void;
  dispose(): void;
}

export function createAmortizationStudy(opts: {
  model: AmortizedModel;
  x: Float64Array;
  widths?: readonly number[];
  lr: number;
  rng: Rng;
}): AmortizationStudy {
  const { model, x: xs } = opts;
  const widths = opts.widths ?? ENCODER_WIDTHS;
  const n = xs.length;
  const x = tf.tensor1d(Float32Array.from(xs));
  let ss = 0;
  for (const v of xs) ss += v * v;
  const scale = Math.sqrt(ss / n) || 1;
  const m = tfVariable(() => tf.zeros([n]));
  const logS = tfVariable(() => tf.zeros([n]));
  const encoders: Encoder[] = widths.map((w) => createEncoder(w, scale, opts.rng));
  const variables = [m, logS, ...encoders.flatMap((e) => e.variables)];
  const optimizer = tf.train.adam(opts.lr);
  const logEvidence = amortizedLogEvidence(model, xs) / n;

  return {
    widths,
    x: xs,
    async step() {
      await ensureGradients();
      let parts: tf.Scalar[] = [];
      const cost = optimizer.minimize(
        () => {
          const f = meanFieldElbo(model, x, m as unknown as tf.Tensor1D, logS as unknown as tf.Tensor1D);
          const amortized = encoders.map((e) => {
            const q = e.apply(x);
            return meanFieldElbo(model, x, q.m, q.logS);
          });
          parts = [f, ...amortized].map((t) => tf.keep(t));
          return tf.neg(tf.addN([f, ...amortized])) as tf.Scalar;
        },
        true,
        variables,
      );
      const stacked = tf.stack(parts);
      const values = await stacked.data();
      tf.dispose([cost as tf.Scalar, stacked, ...parts]);
      return { factorized: values[0] / n, amortized: Array.from(values.slice(1), (v) => v / n), logEvidence };
    },
    async read(grid) {
      const g = tf.tensor1d(Float32Array.from(grid));
      const outs = encoders.map((e) => ({ data: e.apply(x), curve: e.apply(g) }));
      const pull = async (p: { m: tf.Tensor1D; logS: tf.Tensor1D }) => ({
        m: (await p.m.data()) as Float32Array,
        logS: (await p.logS.data()) as Float32Array,
      });
      const result = {
        factorized: await pull({ m: m as unknown as tf.Tensor1D, logS: logS as unknown as tf.Tensor1D }),
        amortized: await Promise.all(outs.map((o) => pull(o.data))),
        curves: await Promise.all(outs.map((o) => pull(o.curve))),
      };
      tf.dispose([g, ...outs.flatMap((o) => [o.data.m, o.data.logS, o.curve.m, o.curve.logS])]);
      return result;
    },
    setLearningRate(lr) {
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
    },
    async save() {
      const values = await Promise.all(variables.map(async (v) => Float32Array.from(await v.data())));
      return { values, adam: await saveAdamState(optimizer) };
    },
    async load(saved) {
      variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(saved.values[i], v.shape))));
      await restoreAdamState(optimizer, saved.adam);
    },
    corrupt() {
      tf.tidy(() => m.assign(tf.fill([n], NaN)));
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([x, m, logS]);
      encoders.forEach((e) => e.dispose());
    },
  };
}
