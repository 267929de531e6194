/**
 * The pieces of the U-Net noise predictor (./unetDenoiser.ts), each a forward pass that returns its
 * output and a function that backpropagates through it. NHWC throughout.
 *
 * SiLU: silu(z) = z σ(z), silu′(z) = σ(z) (1 + z (1 − σ(z))).
 * Residual block (c_in → c_out) with the time features τ [n, H_t] of the time MLP:
 *   a₁ = silu(gn₁(h)),  c₁ = conv₁(a₁) + τ W_t + b_t   (added at every pixel),
 *   a₂ = silu(gn₂(c₁)), y = skip(h) + conv₂(a₂),
 * skip a 1×1 convolution where c_in ≠ c_out, else the identity. Backward from ∂y:
 *   ∂conv₂ from (a₂, ∂y);  ∂c₁ = gn₂ᵀ(silu′ ⊙ conv₂ᵀ ∂y);  ∂τ-path: d = Σ_{h,w} ∂c₁ [n, c_out],
 *   ∂W_t = τᵀ d, ∂b_t = Σ_n d, ∂τ += d W_tᵀ;  ∂h = gn₁ᵀ(silu′ ⊙ conv₁ᵀ ∂c₁) + skipᵀ ∂y.
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelSums, conv2dSame, conv2dSameFilterGrad, conv2dSameInputGrad } from '../math/conv2d';
import { columnSums, dense } from '../math/dense';
import { groupNorm, groupNormBackward } from '../math/groupNorm';

/** silu(z) and σ(z) (kept for the derivative). */
export function silu<T extends tf.Tensor>(z: T): { y: T; z: T; s: T } {
  const s = tf.sigmoid(z) as T;
  return { y: tf.mul(z, s) as T, z, s };
}

/** ∂loss/∂z from ∂loss/∂silu(z). */
export function siluBackward<T extends tf.Tensor>(dy: T, a: { z: T; s: T }): T {
  // σ (1 + z (1 − σ)) = σ + z σ − z σ²
  const zs = tf.mul(a.z, a.s);
  return tf.mul(dy, tf.add(a.s, tf.sub(zs, tf.mul(zs, a.s)))) as T;
}

/** Reads a parameter by its file name (e.g. "down0.conv1.weight"). */
export type ParamLookup = (name: string) => tf.Tensor;
/** Stores the gradient of the named parameter. */
export type GradSink = (name: string, g: tf.Tensor) => void;

export interface BlockTrace {
  y: tf.Tensor4D;
  /**
   * Stores the block's parameter gradients through `sink`, adds its ∂τ into dTau, returns ∂h.
   * Runs once: it frees the activations it read. @param dy [n, H, W, c_out]
   */
  backward(dy: tf.Tensor4D, sink: GradSink, dTau: tf.Tensor2D[]): tf.Tensor4D;
}

/**
 * A residual block's forward pass. @param h [n, H, W, c_in] @param tau [n, H_t] @param name its
 * prefix in the file @param keep whether to keep the activations for backward (else y alone
 * survives the call). Each pass runs in its own tf.tidy, so that only what backward reads
 * outlives it (a U-Net step's batch of 64 held 2.2 GB at once without).
 */
export function resBlock(h: tf.Tensor4D, tau: tf.Tensor2D, name: string, p: ParamLookup, groups: number, keep = true): BlockTrace {
  const w = (s: string) => p(`${name}.${s}`);
  const [n, H, W, ci] = h.shape;
  const K1 = w('conv1.weight') as tf.Tensor4D;
  const K2 = w('conv2.weight') as tf.Tensor4D;
  const co = K1.shape[3];
  const hasSkip = ci !== co;
  const f = tf.tidy(() => {
    const n1 = groupNorm(h, w('norm1.gamma'), w('norm1.beta'), groups);
    const a1 = silu(n1.y);
    const proj = dense(tau, w('time.weight') as tf.Tensor2D, w('time.bias'));
    const c1 = tf.add(conv2dSame(a1.y, K1, w('conv1.bias')), tf.reshape(proj, [n, 1, 1, co])) as tf.Tensor4D;
    const n2 = groupNorm(c1, w('norm2.gamma'), w('norm2.beta'), groups);
    const a2 = silu(n2.y);
    const skip = hasSkip ? conv2dSame(h, w('skip.weight') as tf.Tensor4D, w('skip.bias')) : h;
    const y = tf.add(skip, conv2dSame(a2.y, K2, w('conv2.bias'))) as tf.Tensor4D;
    return { y, xhat1: n1.trace.xhat, inv1: n1.trace.invStd, a1: a1.y, z1: a1.z, s1: a1.s, xhat2: n2.trace.xhat, inv2: n2.trace.invStd, a2: a2.y, z2: a2.z, s2: a2.s };
  });
  const { y, ...saved } = f;
  if (!keep) {
    tf.dispose(Object.values(saved));
    return { y, backward: () => { throw new Error(`U-Net block ${name}: run without keeping its activations, it cannot backpropagate`); } };
  }

  const backward = (dy: tf.Tensor4D, sink: GradSink, dTau: tf.Tensor2D[]): tf.Tensor4D => {
    const r = tf.tidy(() => {
      const grads: Record<string, tf.Tensor> = {};
      grads['conv2.weight'] = conv2dSameFilterGrad(saved.a2, dy, K2.shape[0]);
      grads['conv2.bias'] = channelSums(dy);
      const dN2 = siluBackward(conv2dSameInputGrad(dy, K2), { z: saved.z2, s: saved.s2 });
      const gn2 = groupNormBackward(dN2, w('norm2.gamma'), { xhat: saved.xhat2, invStd: saved.inv2, groups });
      grads['norm2.gamma'] = gn2.dGamma;
      grads['norm2.beta'] = gn2.dBeta;
      const dC1 = gn2.dx;
      grads['conv1.weight'] = conv2dSameFilterGrad(saved.a1, dC1, K1.shape[0]);
      // Σ over pixels per sample, as a batched product [n, 1, HW]·[n, HW, co]
      const dProj = tf.reshape(tf.matMul(tf.ones([n, 1, H * W]), tf.reshape(dC1, [n, H * W, co])), [n, co]) as tf.Tensor2D;
      grads['conv1.bias'] = columnSums(dProj);
      grads['time.weight'] = tf.matMul(tf.transpose(tau), dProj);
      grads['time.bias'] = tf.clone(grads['conv1.bias']);
      const dTauPart = tf.matMul(dProj, tf.transpose(w('time.weight') as tf.Tensor2D));
      const dN1 = siluBackward(conv2dSameInputGrad(dC1, K1), { z: saved.z1, s: saved.s1 });
      const gn1 = groupNormBackward(dN1, w('norm1.gamma'), { xhat: saved.xhat1, invStd: saved.inv1, groups });
      grads['norm1.gamma'] = gn1.dGamma;
      grads['norm1.beta'] = gn1.dBeta;
      if (!hasSkip) return { dh: tf.add(gn1.dx, dy), dTauPart, grads };
      grads['skip.weight'] = conv2dSameFilterGrad(h, dy, 1);
      grads['skip.bias'] = channelSums(dy);
      return { dh: tf.add(gn1.dx, conv2dSameInputGrad(dy, w('skip.weight') as tf.Tensor4D)), dTauPart, grads };
    });
    tf.dispose(Object.values(saved));
    for (const [k, g] of Object.entries(r.grads)) sink(`${name}.${k}`, g);
    dTau.push(r.dTauPart as tf.Tensor2D);
    return r.dh as tf.Tensor4D;
  };
  return { y, backward };
}

/** 2×2 average pooling. @param x [n, H, W, c] @returns [n, H/2, W/2, c] */
export function avgPool2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 2, 2, 'valid');
}

/** Nearest-neighbour upsampling by 2 (each value repeated 2×2, torch's mode="nearest"). @param x [n, H, W, c] @returns [n, 2H, 2W, c] */
export function upsample2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.image.resizeNearestNeighbor(x, [2 * x.shape[1], 2 * x.shape[2]]);
}

/** ∂ of avgPool2: each upstream value spread over its 2×2 block, divided by 4. */
export function avgPool2Backward(dy: tf.Tensor4D): tf.Tensor4D {
  return tf.mul(upsample2(dy), 0.25) as tf.Tensor4D;
}

/** ∂ of upsample2: the sum over each 2×2 block. */
export function upsample2Backward(dy: tf.Tensor4D): tf.Tensor4D {
  return tf.mul(avgPool2(dy), 4) as tf.Tensor4D;
}
