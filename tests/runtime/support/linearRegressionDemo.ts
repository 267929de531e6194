/**
 * A test-only tfjs demo: linear regression y = Xw + b + noise fitted by Adam (written out with
 * tfjs variables so the whole optimizer state is in the checkpoint). Small enough to run
 * thousands of steps in a test, real enough to exercise tensors, readbacks and rollbacks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineDemo, type Plain } from '../../../src/core/demo';
import { createRng, normals } from '../../../src/core/random';

const DIM = 3;

export const linearRegressionParams = {
  lr: { kind: 'number', label: 'Learning rate', min: 1e-4, max: 1e6, default: 0.05, scale: 'log' },
  n: { kind: 'int', label: 'Data points', min: 8, max: 4096, default: 64 },
  maxSteps: { kind: 'int', label: 'Step budget', min: 1, max: 1e9, default: 1e9 },
} as const;

export interface LinearSnapshot {
  [key: string]: Plain;
  w: Float32Array;
  b: number;
}

export const linearRegressionDemo = defineDemo({
  id: 'test-linear-regression',
  title: 'Linear regression by Adam (test)',
  params: linearRegressionParams,
  usesTf: true,
  defaultSteps: 500,
  async create({ params, seed }) {
    const rng = createRng(seed);
    const n = params.n;
    const trueW = [1.5, -2, 0.5];
    const x = Float32Array.from(normals(rng, n * DIM));
    const noise = normals(rng, n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0.3 + 0.1 * noise[i];
      for (let j = 0; j < DIM; j++) s += x[i * DIM + j] * trueW[j];
      y[i] = s;
    }
    const X = tf.tensor2d(x, [n, DIM]);
    const Y = tf.tensor2d(y, [n, 1]);
    // In tidy: tf.variable(x) keeps x's data but not x itself, which would otherwise leak.
    const zeros = (shape: number[]) => tf.tidy(() => tf.variable(tf.zeros(shape)));
    const w = zeros([DIM, 1]);
    const b = zeros([1]);
    const mw = zeros([DIM, 1]);
    const vw = zeros([DIM, 1]);
    const mb = zeros([1]);
    const vb = zeros([1]);
    const vars = { w, b, mw, vw, mb, vb };
    let t = 0;
    let lr = params.lr;
    const beta1 = 0.9;
    const beta2 = 0.999;

    const adam = (p: tf.Variable, m: tf.Variable, v: tf.Variable, g: tf.Tensor) => {
      m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
      v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const mHat = tf.div(m, 1 - beta1 ** t);
      const vHat = tf.div(v, 1 - beta2 ** t);
      p.assign(tf.sub(p, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(vHat), 1e-8)))));
    };

    return {
      async step() {
        t++;
        const loss = tf.tidy(() => {
          // loss = mean (Xw + b − y)²; gradients in closed form.
          const r = tf.sub(tf.add(tf.matMul(X, w), b), Y);
          const gw = tf.mul(tf.matMul(X, r, true, false), 2 / n);
          const gb = tf.mul(tf.sum(r, 0), 2 / n);
          const l = tf.mean(tf.square(r));
          adam(w, mw, vw, gw);
          adam(b, mb, vb, gb);
          return l;
        });
        const [value] = await loss.data();
        loss.dispose();
        return { loss: value };
      },
      async snapshot(): Promise<LinearSnapshot> {
        return { w: (await w.data()) as Float32Array, b: (await b.data())[0] };
      },
      async checkpoint() {
        const out: Record<string, Plain> = { t };
        for (const [k, v] of Object.entries(vars)) out[k] = (await v.data()) as Float32Array;
        return out;
      },
      restore(ck) {
        const c = ck as Record<string, Plain>;
        t = c.t as number;
        for (const [k, v] of Object.entries(vars)) {
          tf.tidy(() => v.assign(tf.tensor(c[k] as Float32Array, v.shape)));
        }
      },
      setParams(p) {
        if (p.lr !== undefined) lr = p.lr;
      },
      isDone: () => t >= params.maxSteps,
      corrupt() {
        tf.tidy(() => w.assign(tf.fill(w.shape, NaN)));
      },
      dispose() {
        tf.dispose([X, Y, ...Object.values(vars)]);
      },
    };
  },
});
