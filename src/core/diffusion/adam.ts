/**
 * Adam (Kingma & Ba 2015) over a list of tfjs variables, written out so that its state (the
 * moment estimates and the step count) can be checkpointed and restored as plain arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../math/tfVariable';

export class Adam {
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
  step = 0;

  constructor(
    readonly params: tf.Variable[],
    public lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {
    this.m = params.map((p) => tfVariable(() => tf.zerosLike(p), false));
    this.v = params.map((p) => tfVariable(() => tf.zerosLike(p), false));
  }

  /** One update p ← p − lr_t m̂/(√v̂ + ε) from gradients in the order of `params`. */
  apply(grads: tf.Tensor[]): void {
    this.step += 1;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.step)) / (1 - this.beta1 ** this.step);
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = this.m[i];
        const v = this.v[i];
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), lrT)));
      });
    });
  }

  /** Moments as plain arrays, in parameter order. */
  async state(): Promise<{ step: number; m: Float32Array[]; v: Float32Array[] }> {
    const m = await Promise.all(this.m.map((x) => x.data() as Promise<Float32Array>));
    const v = await Promise.all(this.v.map((x) => x.data() as Promise<Float32Array>));
    return { step: this.step, m, v };
  }

  setState(state: { step: number; m: Float32Array[]; v: Float32Array[] }): void {
    this.step = state.step;
    tf.tidy(() => {
      this.m.forEach((x, i) => x.assign(tf.tensor(state.m[i], x.shape)));
      this.v.forEach((x, i) => x.assign(tf.tensor(state.v[i], x.shape)));
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
