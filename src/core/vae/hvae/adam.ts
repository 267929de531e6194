/**
 * Adam over a list of tfjs variables, one set of moments per tensor. The flat-buffer form of
 * ../../diffusion/adam.ts splits one [P] update back into the tensors, and on the wasm backend
 * SplitV of the HVAE's 700k values cost more than the rest of the step (253 ms of a 1.4 s step,
 * measured with tf.profile under heavy load); per tensor it is ten element-wise ops each.
 * Same update and the same scaled moments as ../adam.ts: m̃ ← β₁ m̃ + g, ṽ ← β₂ ṽ + g²,
 * p ← p − a m̃/(√ṽ + ε′).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from '../adam';
import { tfVariable } from '../../math/tfVariable';

export interface TensorAdamState {
  step: number;
  /** scaled moments m̃, ṽ, one array per parameter tensor */
  m: Float32Array[];
  v: Float32Array[];
}

export class TensorAdam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  step = 0;

  constructor(
    readonly params: tf.Variable[],
    public lr: number,
  ) {
    this.m = params.map((p) => tfVariable(() => tf.zerosLike(p), false));
    this.v = params.map((p) => tfVariable(() => tf.zerosLike(p), false));
  }

  apply(grads: tf.Tensor[]): void {
    if (grads.length !== this.params.length) throw new Error(`TensorAdam.apply: ${grads.length} gradients for ${this.params.length} tensors.`);
    this.step += 1;
    const t = this.step;
    const c2 = Math.sqrt(1 - ADAM_BETA2 ** t);
    const scale = (this.lr * (1 - ADAM_BETA1) * c2) / ((1 - ADAM_BETA1 ** t) * Math.sqrt(1 - ADAM_BETA2));
    tf.tidy(() => {
      const [b1, b2, eps, a] = [ADAM_BETA1, ADAM_BETA2, (ADAM_EPSILON * c2) / Math.sqrt(1 - ADAM_BETA2), scale].map((x) => tf.scalar(x));
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = tf.add(tf.mul(this.m[i], b1), g);
        const v = tf.add(tf.mul(this.v[i], b2), tf.square(g));
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), a)));
      });
    });
  }

  async state(): Promise<TensorAdamState> {
    const [m, v] = await Promise.all([Promise.all(this.m.map((x) => x.data() as Promise<Float32Array>)), Promise.all(this.v.map((x) => x.data() as Promise<Float32Array>))]);
    return { step: this.step, m, v };
  }

  setState(s: TensorAdamState): void {
    this.step = s.step;
    tf.tidy(() =>
      this.params.forEach((p, i) => {
        this.m[i].assign(tf.tensor(s.m[i], p.shape));
        this.v[i].assign(tf.tensor(s.v[i], p.shape));
      }),
    );
  }

  reset(): void {
    this.step = 0;
    tf.tidy(() => this.params.forEach((p, i) => (this.m[i].assign(tf.zerosLike(p)), this.v[i].assign(tf.zerosLike(p)))));
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
