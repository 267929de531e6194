/**
 * A small convolutional U-Net noise predictor ε_θ(x_t, t) for 28×28 digits (chapter 8's second
 * pixel-space architecture), the network that scripts/weights/ddm_unet_torch.py trains (a test
 * checks that this forward pass reproduces that file's). NHWC; C base channels; every convolution
 * 'same' with zero padding; gn group norm with `groups` groups (../math/groupNorm.ts):
 *   τ = silu(silu(emb(t) W₁ + b₁) W₂ + b₂)                      emb: E, τ: hidden
 *   28×28: h₀ = conv3(x) (C);  s₁ = block(C → C)(h₀)
 *   14×14: s₂ = block(C → 2C)(avgpool2(s₁))
 *    7×7 : m = block(2C → 2C)(avgpool2(s₂))
 *   14×14: u₂ = block(4C → 2C)([up2(m), s₂])
 *   28×28: u₁ = block(3C → C)([up2(u₂), s₁])
 *   ε_θ = conv3(silu(gn(u₁)))   (1 channel)
 * with block the residual block of ./unetBlock.ts (τ enters every block), avgpool2 2×2 average
 * pooling, up2 nearest-neighbour upsampling and [a, b] concatenation along channels.
 *
 * Gradients by explicit backpropagation, each stage's backward in reverse order (pooling and
 * upsampling are each other's adjoints up to a factor 4; a concatenation's backward splits the
 * channels; s₁ and s₂ collect a gradient from the skip connection and one from the path below).
 * The loss, training step and I/O are ./denoiser.ts's.
 *
 * Initialization (as the torch trainer's): weights uniform on ±√(3/fan_in) (fan_in = k·k·c_in for
 * a convolution), the second convolution of each block at 0.2 of that (residual branches start
 * small), the output convolution, biases and β at zero, γ at one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelSums, conv2dSame, conv2dSameFilterGrad, conv2dSameInputGrad } from '../math/conv2d';
import { columnSums, dense } from '../math/dense';
import { groupNorm, groupNormBackward } from '../math/groupNorm';
import type { Rng } from '../random';
import { Denoiser, type DenoiserBaseConfig, type DenoiserTrace } from './denoiser';
import type { NoiseSchedule } from './schedule';
import { avgPool2, avgPool2Backward, resBlock, silu, siluBackward, upsample2, upsample2Backward } from './unetBlock';

export interface UnetConfig extends DenoiserBaseConfig {
  /** image side S (dim = S², S divisible by 4) */
  side: number;
  /** base channels C (C divisible by groups) */
  channels: number;
  /** width of the time MLP */
  hidden: number;
  /** group norm groups */
  groups: number;
}

/** The five residual blocks (name, c_in, c_out), in file order. */
export function unetBlocks(C: number): [string, number, number][] {
  return [['down0', C, C], ['down1', C, 2 * C], ['mid', 2 * C, 2 * C], ['up1', 4 * C, 2 * C], ['up0', 3 * C, C]];
}

/** Every tensor (name, shape) in file order: dense [in, out], convolution [k, k, in, out]. */
export function unetTensorShapes(c: UnetConfig): [string, number[]][] {
  const { channels: C, hidden: Hd, embedDim: E } = c;
  const out: [string, number[]][] = [
    ['temb.fc1.weight', [E, Hd]], ['temb.fc1.bias', [Hd]],
    ['temb.fc2.weight', [Hd, Hd]], ['temb.fc2.bias', [Hd]],
    ['in.weight', [3, 3, 1, C]], ['in.bias', [C]],
  ];
  for (const [name, ci, co] of unetBlocks(C)) {
    out.push(
      [`${name}.norm1.gamma`, [ci]], [`${name}.norm1.beta`, [ci]],
      [`${name}.conv1.weight`, [3, 3, ci, co]], [`${name}.conv1.bias`, [co]],
      [`${name}.time.weight`, [Hd, co]], [`${name}.time.bias`, [co]],
      [`${name}.norm2.gamma`, [co]], [`${name}.norm2.beta`, [co]],
      [`${name}.conv2.weight`, [3, 3, co, co]], [`${name}.conv2.bias`, [co]],
    );
    if (ci !== co) out.push([`${name}.skip.weight`, [1, 1, ci, co]], [`${name}.skip.bias`, [co]]);
  }
  out.push(['out.norm.gamma', [C]], ['out.norm.beta', [C]], ['out.weight', [3, 3, C, 1]], ['out.bias', [1]]);
  return out;
}

/** The torch trainer's initial range for a tensor, or null for zeros (γ is set to one afterwards). */
function initLimit(name: string, shape: number[]): number | null {
  if (!name.endsWith('weight') || name.startsWith('out.')) return null;
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return (name.endsWith('conv2.weight') ? 0.2 : 1) * Math.sqrt(3 / fanIn);
}

/** Throws a clear message for a configuration the network cannot take. */
export function checkUnetConfig(c: UnetConfig): void {
  const int = (v: number) => Number.isInteger(v) && v > 0;
  if (!int(c.side) || c.side % 4 !== 0) throw new Error(`U-Net: the image side must be a positive multiple of 4, got ${c.side}`);
  if (c.dim !== c.side * c.side) throw new Error(`U-Net: dim ${c.dim} is not side² = ${c.side * c.side}`);
  if (!int(c.groups) || !int(c.channels) || c.channels % c.groups !== 0) throw new Error(`U-Net: ${c.groups} groups do not divide ${c.channels} channels`);
  if (!int(c.hidden) || !int(c.embedDim) || c.embedDim % 2 !== 0) throw new Error(`U-Net: hidden ${c.hidden} and embedDim ${c.embedDim} must be positive (embedDim even)`);
}

export class UnetDenoiser extends Denoiser<UnetConfig> {
  /** name → index in `weights` */
  private readonly index: Map<string, number>;

  constructor(config: UnetConfig, schedule: NoiseSchedule, rng: Rng) {
    checkUnetConfig(config);
    const named = unetTensorShapes(config);
    super(config, schedule, named.map(([, s]) => s), (shape, i) => initLimit(named[i][0], shape), rng);
    this.index = new Map(named.map(([name], i) => [name, i]));
    tf.tidy(() => named.forEach(([name, shape], i) => name.endsWith('gamma') && this.weights[i].assign(tf.ones(shape))));
  }

  /** The file's tensor names, in `weights` order. */
  get tensorNames(): string[] {
    return unetTensorShapes(this.config).map(([name]) => name);
  }

  private readonly p = (name: string): tf.Tensor => {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`U-Net: no parameter "${name}"`);
    return this.weights[i];
  };

  protected trace(h0: tf.Tensor2D): DenoiserTrace {
    return this.run(h0, true);
  }

  /** ε_θ without keeping the blocks' activations for backpropagation (sampling's ~4× less memory). */
  override forward(x: tf.Tensor2D, emb: tf.Tensor2D, skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null): tf.Tensor2D {
    const { net } = this.run(tf.concat([x, emb], 1), false);
    return skip ? tf.add(net, skip(x)) : net;
  }

  /** The forward pass, keeping what backward needs when `keep` (else backward cannot run). */
  private run(h0: tf.Tensor2D, keep: boolean): DenoiserTrace {
    const { dim: d, embedDim: E, side: S, groups: G } = this.config;
    const n = h0.shape[0];
    const x = tf.reshape(tf.slice(h0, [0, 0], [n, d]), [n, S, S, 1]) as tf.Tensor4D;
    const emb = tf.slice(h0, [0, d], [n, E]);
    const p = this.p;
    const t1 = silu(dense(emb, p('temb.fc1.weight') as tf.Tensor2D, p('temb.fc1.bias')));
    const tau = silu(dense(t1.y, p('temb.fc2.weight') as tf.Tensor2D, p('temb.fc2.bias')));
    const h = conv2dSame(x, p('in.weight') as tf.Tensor4D, p('in.bias'));
    const s1 = resBlock(h, tau.y, 'down0', p, G, keep);
    const s2 = resBlock(avgPool2(s1.y), tau.y, 'down1', p, G, keep);
    const m = resBlock(avgPool2(s2.y), tau.y, 'mid', p, G, keep);
    const u2 = resBlock(tf.concat([upsample2(m.y), s2.y], 3), tau.y, 'up1', p, G, keep);
    const u1 = resBlock(tf.concat([upsample2(u2.y), s1.y], 3), tau.y, 'up0', p, G, keep);
    const no = groupNorm(u1.y, p('out.norm.gamma'), p('out.norm.beta'), G);
    const ao = silu(no.y);
    const Ko = p('out.weight') as tf.Tensor4D;
    const net = tf.reshape(conv2dSame(ao.y, Ko, p('out.bias')), [n, d]) as tf.Tensor2D;

    const backward = (dOut: tf.Tensor2D, h0T1: tf.Tensor2D): tf.Tensor[] => {
      const grads: tf.Tensor[] = new Array(this.weights.length);
      const sink = (name: string, g: tf.Tensor) => {
        grads[this.index.get(name)!] = g;
      };
      const dTau: tf.Tensor2D[] = [];
      const dNet = tf.reshape(dOut, [n, S, S, 1]) as tf.Tensor4D;
      sink('out.weight', conv2dSameFilterGrad(ao.y, dNet, 3));
      sink('out.bias', channelSums(dNet));
      const gno = groupNormBackward(siluBackward(conv2dSameInputGrad(dNet, Ko), ao), p('out.norm.gamma'), no.trace);
      sink('out.norm.gamma', gno.dGamma);
      sink('out.norm.beta', gno.dBeta);
      // u₁ = block([up2(u₂), s₁]): split its input gradient into the two parts
      const [dUp1, dS1skip] = splitChannels(u1.backward(gno.dx, sink, dTau), 2 * this.config.channels);
      const [dUp2, dS2skip] = splitChannels(u2.backward(upsample2Backward(dUp1), sink, dTau), 2 * this.config.channels);
      const dP2 = m.backward(upsample2Backward(dUp2), sink, dTau);
      const dP1 = s2.backward(tf.add(dS2skip, avgPool2Backward(dP2)) as tf.Tensor4D, sink, dTau);
      const dH = s1.backward(tf.add(dS1skip, avgPool2Backward(dP1)) as tf.Tensor4D, sink, dTau);
      sink('in.weight', conv2dSameFilterGrad(x, dH, 3));
      sink('in.bias', channelSums(dH));
      // the time MLP, from the sum of what every block sent back to τ
      const dZ2 = siluBackward(tf.addN(dTau) as tf.Tensor2D, tau);
      sink('temb.fc2.weight', tf.matMul(tf.transpose(t1.y), dZ2));
      sink('temb.fc2.bias', columnSums(dZ2));
      const dZ1 = siluBackward(tf.matMul(dZ2, tf.transpose(p('temb.fc2.weight') as tf.Tensor2D)) as tf.Tensor2D, t1);
      sink('temb.fc1.weight', tf.matMul(tf.slice(h0T1, [d, 0], [E, n]), dZ1));
      sink('temb.fc1.bias', columnSums(dZ1));
      return grads;
    };
    return { net, backward };
  }
}

/** [first c channels, the rest] of x [n, H, W, c_total]. */
function splitChannels(x: tf.Tensor4D, c: number): [tf.Tensor4D, tf.Tensor4D] {
  const [n, H, W, total] = x.shape;
  return [tf.slice(x, [0, 0, 0, 0], [n, H, W, c]), tf.slice(x, [0, 0, 0, c], [n, H, W, total - c])];
}
