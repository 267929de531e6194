/**
 * Adam (Kingma & Ba 2015) over a list of tfjs variables, with both moment estimates in one flat
 * buffer each, so that a step costs a fixed handful of tfjs ops whatever the number of tensors.
 *
 * Why: on the wasm backend every op has a fixed cost of ~20 µs whatever its size. The per-tensor
 * form (twelve element-wise ops per tensor) was 96 of the 2-D diffusion step's 141 kernels. Here a
 * step is: flatten the gradients (one reshape per tensor of rank ≠ 1, one concat), five ops for the
 * moments, four for the update direction, one split back, and per tensor a reshape (rank ≠ 1) and a
 * subtract: 3n + 10 ops for n tensors (8 → 34 for the 3-layer MLP, with 4 of its tensors matrices).
 *
 * Usage, for any model whose parameters are tf.Variables (the MLP denoiser, the 28×28 and latent
 * diffusion models built on it, the digit classifier, the VAE of chapter 7):
 *   const opt = new Adam(net.weights, lr);                       // ε added to √v (Keras)
 *   const opt = new Adam(weights, lr, { epsilon: 'biasCorrected' }); // ε added to √v̂ (the paper, PyTorch)
 *   tf.tidy(() => opt.apply(grads));      // grads in the order of the variables, any shapes; one
 *                                         // tensor may cover consecutive variables (below)
 *   opt.applyFlat(g);                     // or one flat gradient [P] in the same order
 *   opt.lr = …;                           // may change between steps (decay)
 *   await opt.state() / opt.setState(s);  // plain per-tensor arrays (checkpoints)
 *   opt.reset();                          // zero moments (new parameters)
 *   opt.dispose();
 *
 * Two placements of ε, chosen per model (both are in use, and a model's results depend on which):
 *   'raw' (default, Keras):    p ← p − lr_t m/(√v + ε),   lr_t = lr √(1 − β₂ᵗ)/(1 − β₁ᵗ);
 *   'biasCorrected' (Kingma & Ba's Algorithm 1, torch.optim.Adam): p ← p − lr m̂/(√v̂ + ε),
 *     m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), which is the same as 'raw' with ε √(1 − β₂ᵗ) in place of ε.
 * The moments are kept scaled, m̃ = m/(1 − β₁) and ṽ = v/(1 − β₂), so their updates
 * m̃ ← β₁ m̃ + g, ṽ ← β₂ ṽ + g² need no multiply of g, and then
 *   lr_t m/(√v + ε) = a · m̃/(√ṽ + ε′),  a = lr (1 − β₁)√(1 − β₂ᵗ) / ((1 − β₁ᵗ)√(1 − β₂)),  ε′ = ε/√(1 − β₂)
 * (times √(1 − β₂ᵗ) for 'biasCorrected').
 * state() and setState() convert to and from the unscaled m, v, so checkpoints keep their format.
 *
 * On the wasm backend the split back into tensors is cheap only with src/runtime/wasmSlice.ts
 * installed (tfjs's own Slice copies the whole input once per piece). With the copy kernels of
 * src/runtime/wasmFlatCopy.ts (wasm), the flatten and the split back are one kernel each instead
 * of 2r + 2 for r matrices, and p ← p − u is the parameters flattened, one subtract and one split
 * into the variables in place of a subtract per tensor: 13 kernels a step whatever the number of
 * tensors (19 → 13 for the 3-layer MLP's 8). The parameters are flattened again every step rather
 * than kept flat: a kept copy would go stale whenever a variable is assigned from outside
 * (setWeights), and would be one more tensor held.
 *
 * A gradient tensor may cover a run of consecutive parameter tensors, its values theirs in order:
 * a dense layer's [∂W; ∂b] [k+1, n] for W [k, n] then b [n], from one product (../math/dense.ts's
 * transposeWithOnes). The flat gradient is the same either way; gradientsPerParameter splits such
 * a list's values back into one array per parameter (tests, checks against finite differences).
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from './tfVariable';

export interface AdamState {
  step: number;
  /** first and second moment estimates m, v (unscaled), one array per parameter tensor */
  m: Float32Array[];
  v: Float32Array[];
}

/** What a training step needs of an optimizer: one update from gradients in parameter order. */
export interface GradientStep {
  apply(grads: tf.Tensor[]): void;
}

/**
 * Kernels that copy without reshapes, where the backend has them (wasm, src/runtime/wasmFlatCopy.ts):
 * FLATTEN_KERNEL takes x0…x(n−1) (attrs { n }) and returns their values concatenated as one vector;
 * UNFLATTEN_KERNEL takes x (attrs { shapes }) and returns consecutive pieces of those shapes.
 * Elsewhere the same copies run as Reshape, Concat and SplitV ops.
 */
export const FLATTEN_KERNEL = 'FlattenConcat';
export const UNFLATTEN_KERNEL = 'SplitToShapes';

function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** The tensors' values concatenated as one vector, in one FLATTEN_KERNEL call (caller tidies). */
function flattenKernel(xs: tf.Tensor[]): tf.Tensor1D {
  const inputs: tf.NamedTensorMap = {};
  xs.forEach((x, i) => (inputs[`x${i}`] = x));
  return tf.engine().runKernel(FLATTEN_KERNEL, inputs, { n: xs.length }) as tf.Tensor1D;
}

/**
 * How many consecutive parameters each gradient covers (its size the sum of theirs), or null when
 * the gradients do not cover the parameters that way. @param sizes the parameters' sizes
 */
export function gradientRuns(gradSizes: readonly number[], sizes: readonly number[]): number[] | null {
  const runs: number[] = [];
  let p = 0;
  for (const g of gradSizes) {
    let covered = 0;
    const start = p;
    while (covered < g && p < sizes.length) covered += sizes[p++];
    if (covered !== g || p === start) return null;
    runs.push(p - start);
  }
  return p === sizes.length ? runs : null;
}

/**
 * Gradient values in the layout apply() takes (a tensor may cover consecutive parameters), split
 * into one array per parameter. @param shapes the parameters' shapes, in order
 */
export function gradientsPerParameter(values: readonly ArrayLike<number>[], shapes: readonly number[][]): Float32Array[] {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  if (!gradientRuns(values.map((v) => v.length), sizes)) throw new Error(`gradientsPerParameter: ${values.length} gradients do not cover ${sizes.length} parameters in order.`);
  const flat = Float32Array.from(values.flatMap((v) => Array.from(v)));
  let o = 0;
  return sizes.map((n) => flat.slice(o, (o += n)));
}

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** where ε is added: to √v ('raw', the default) or to √v̂ ('biasCorrected'); see above */
  epsilonPlacement?: 'raw' | 'biasCorrected';
}

export class Adam implements GradientStep {
  /** Scaled moments m̃, ṽ over all parameters, flattened and concatenated in parameter order. */
  private readonly mFlat: tf.Variable;
  private readonly vFlat: tf.Variable;
  private readonly sizes: number[];
  private readonly consts: { beta1: tf.Scalar; beta2: tf.Scalar; eps: tf.Scalar | null };
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly epsilonPlacement: 'raw' | 'biasCorrected';
  step = 0;

  constructor(
    readonly params: tf.Variable[],
    public lr: number,
    opts: AdamOptions = {},
  ) {
    if (params.length === 0) throw new Error('Adam needs at least one parameter tensor.');
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.epsilonPlacement = opts.epsilonPlacement ?? 'raw';
    this.sizes = params.map((p) => p.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.mFlat = tfVariable(() => tf.zeros([total]), false);
    this.vFlat = tfVariable(() => tf.zeros([total]), false);
    this.consts = {
      beta1: tf.scalar(this.beta1),
      beta2: tf.scalar(this.beta2),
      // 'biasCorrected' changes ε′ every step: made per step then
      eps: this.epsilonPlacement === 'raw' ? tf.scalar(this.epsilon / Math.sqrt(1 - this.beta2)) : null,
    };
  }

  /** Number of scalars over all parameter tensors (the length of a flat gradient). */
  get size(): number {
    return this.mFlat.size;
  }

  /** One update p ← p − lr_t m̂/(√v̂ + ε) from gradients in the order of `params` (one may cover several, see above). */
  apply(grads: tf.Tensor[]): void {
    if (!gradientRuns(grads.map((g) => g.size), this.sizes)) {
      throw new Error(`Adam.apply: ${grads.length} gradients for ${this.params.length} parameter tensors (their sizes do not cover the parameters in order).`);
    }
    tf.tidy(() => {
      if (grads.length > 1 && hasKernel(FLATTEN_KERNEL)) {
        this.applyFlat(flattenKernel(grads));
        return;
      }
      const flat = grads.map((g) => (g.rank === 1 ? g : tf.reshape(g, [-1])));
      this.applyFlat((flat.length === 1 ? flat[0] : tf.concat(flat)) as tf.Tensor1D);
    });
  }

  /** The same from one flat gradient [size]: every parameter's gradient flattened, in order. */
  applyFlat(g: tf.Tensor1D): void {
    if (g.size !== this.size) throw new Error(`Adam.applyFlat: a gradient of ${g.size} values for ${this.size} parameters.`);
    this.step += 1;
    const { beta1, beta2 } = this.consts;
    const c2 = Math.sqrt(1 - this.beta2 ** this.step);
    const a = (this.lr * (1 - this.beta1) * c2) / ((1 - this.beta1 ** this.step) * Math.sqrt(1 - this.beta2));
    tf.tidy(() => {
      const eps = this.consts.eps ?? tf.scalar((this.epsilon * c2) / Math.sqrt(1 - this.beta2));
      const m = tf.add(tf.mul(this.mFlat, beta1), g);
      const v = tf.add(tf.mul(this.vFlat, beta2), tf.square(g));
      this.mFlat.assign(m);
      this.vFlat.assign(v);
      const update = tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), a);
      if (this.flatParams()) {
        this.subtractFlat(update);
        return;
      }
      const shaped = this.params.length > 1 && hasKernel(UNFLATTEN_KERNEL);
      const parts = this.params.length === 1 ? [update] : shaped ? this.unflatten(update) : tf.split(update, this.sizes);
      this.params.forEach((p, i) => {
        const u = p.rank === 1 || shaped ? parts[i] : tf.reshape(parts[i], p.shape);
        p.assign(tf.sub(p, u));
      });
    });
  }

  /** p ← p − update on the parameters flattened, split back into the variables: three kernels. */
  private subtractFlat(update: tf.Tensor): void {
    this.unflatten(tf.sub(flattenKernel(this.params), update)).forEach((piece, i) => this.params[i].assign(piece));
  }

  /** Whether the parameters are updated flat (the backend has both copy kernels). */
  private flatParams(): boolean {
    return this.params.length > 1 && hasKernel(FLATTEN_KERNEL) && hasKernel(UNFLATTEN_KERNEL);
  }

  /** The flat update as one tensor per parameter, shaped like it (UNFLATTEN_KERNEL). */
  private unflatten(update: tf.Tensor): tf.Tensor[] {
    const attrs = { shapes: this.params.map((p) => p.shape) };
    return tf.engine().runKernel(UNFLATTEN_KERNEL, { x: update }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  }

  /** Moments as plain arrays, in parameter order. */
  async state(): Promise<AdamState> {
    const [mf, vf] = await Promise.all([this.mFlat.data() as Promise<Float32Array>, this.vFlat.data() as Promise<Float32Array>]);
    const unscale = (flat: Float32Array, c: number) => this.pieces().map(([o, n]) => flat.slice(o, o + n).map((x) => x * c));
    return { step: this.step, m: unscale(mf, 1 - this.beta1), v: unscale(vf, 1 - this.beta2) };
  }

  setState(state: AdamState): void {
    const pieces = this.pieces();
    const pack = (arrays: Float32Array[], c: number, what: string) => {
      if (arrays.length !== pieces.length) throw new Error(`Adam.setState: ${arrays.length} ${what} arrays for ${pieces.length} parameter tensors.`);
      const flat = new Float32Array(this.size);
      pieces.forEach(([o, n], i) => {
        if (arrays[i].length !== n) throw new Error(`Adam.setState: ${what}[${i}] has ${arrays[i].length} values, the parameter ${n}.`);
        for (let k = 0; k < n; k++) flat[o + k] = arrays[i][k] / c;
      });
      return flat;
    };
    const m = pack(state.m, 1 - this.beta1, 'm');
    const v = pack(state.v, 1 - this.beta2, 'v');
    this.step = state.step;
    tf.tidy(() => {
      this.mFlat.assign(tf.tensor1d(m));
      this.vFlat.assign(tf.tensor1d(v));
    });
  }

  /** Zero moments and step count (after the parameters were replaced). */
  reset(): void {
    this.step = 0;
    tf.tidy(() => {
      this.mFlat.assign(tf.zerosLike(this.mFlat));
      this.vFlat.assign(tf.zerosLike(this.vFlat));
    });
  }

  /** [offset, size] of each parameter tensor in the flat buffers. */
  private pieces(): [number, number][] {
    let o = 0;
    return this.sizes.map((n) => {
      const p: [number, number] = [o, n];
      o += n;
      return p;
    });
  }

  dispose(): void {
    tf.dispose([this.mFlat, this.vFlat, this.consts.beta1, this.consts.beta2]);
    if (this.consts.eps) this.consts.eps.dispose();
  }
}
