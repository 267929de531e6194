import { beforeAll, describe, expect, it } from 'vitest';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { gradientsPerParameter } from '../../../src/core/math/adam';
import { LEAK } from '../../../src/core/diffusion/mlpDenoiser';
import { ResMlpDenoiser, resDenoiserShapes, type ResDenoiserConfig } from '../../../src/core/diffusion/resMlpDenoiser';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('cpu');
});

const d = 3;
const E = 4;
const W = 5;
const s = makeSchedule('cosine', 20);
// A Gaussian skip with a rotation as its basis (columns orthonormal).
const c = Math.cos(0.7);
const sn = Math.sin(0.7);
const skip = { mean: [0.2, -0.1, 0.4], eigenvalues: [2, 0.5, 0.1], eigenvectors: [c, -sn, 0, sn, c, 0, 0, 0, 1] };
const config: ResDenoiserConfig = { dim: d, width: W, blocks: 2, embedDim: E, gaussianSkip: skip };

/** Independent float64 forward: the formulas of the file's header, written out in loops. */
function lossF64(w: Float64Array[], x: Float64Array, ts: Int32Array, emb: Float64Array, eps: Float64Array): number {
  const B = ts.length;
  const phi = (v: number) => (v > 0 ? v : LEAK * v);
  const affine = (inp: ArrayLike<number>, nIn: number, Wm: Float64Array, b: Float64Array | null, nOut: number) => {
    const out = new Float64Array(nOut);
    for (let j = 0; j < nOut; j++) {
      let acc = b ? b[j] : 0;
      for (let k = 0; k < nIn; k++) acc += inp[k] * Wm[k * nOut + j];
      out[j] = acc;
    }
    return out;
  };
  let total = 0;
  for (let i = 0; i < B; i++) {
    const xi = x.subarray(i * d, (i + 1) * d);
    const ei = emb.subarray(i * E, (i + 1) * E);
    const h0 = Float64Array.from([...xi, ...ei]);
    let h = affine(h0, d + E, w[0], w[1], W);
    for (let l = 0; l < 2; l++) {
      const o = 2 + 5 * l;
      const p1 = affine(h, W, w[o], w[o + 1], W);
      const p2 = affine(ei, E, w[o + 2], null, W);
      const a = p1.map((v, j) => phi(v + p2[j]));
      const r = affine(a, W, w[o + 3], w[o + 4], W);
      h = h.map((v, j) => v + r[j]);
    }
    const out = affine(h.map(phi), W, w[w.length - 2], w[w.length - 1], d);
    // ε* = √(1−ᾱ) Σ_t⁻¹ (x − √ᾱ m), Σ_t = ᾱ U diag(λ) Uᵀ + (1−ᾱ) I, solved by Cramer's rule
    const ab = s.alphaBar[ts[i]];
    const S = new Float64Array(9);
    for (let r = 0; r < 3; r++)
      for (let q = 0; q < 3; q++) {
        let v = r === q ? 1 - ab : 0;
        for (let k = 0; k < 3; k++) v += ab * skip.eigenvectors[r * 3 + k] * skip.eigenvalues[k] * skip.eigenvectors[q * 3 + k];
        S[r * 3 + q] = v;
      }
    const rhs = [0, 1, 2].map((k) => xi[k] - Math.sqrt(ab) * skip.mean[k]);
    const det = (m: ArrayLike<number>) =>
      m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    const D = det(S);
    for (let k = 0; k < 3; k++) {
      const M = Float64Array.from(S);
      for (let r = 0; r < 3; r++) M[r * 3 + k] = rhs[r];
      const star = (Math.sqrt(1 - ab) * det(M)) / D;
      total += (out[k] + star - eps[i * d + k]) ** 2;
    }
  }
  return total / (B * d);
}

describe('residual MLP noise predictor', () => {
  it('has the documented shapes and starts at the Gaussian predictor (zero residual and output layers)', async () => {
    expect(resDenoiserShapes(config)).toEqual([
      [7, 5], [5],
      [5, 5], [5], [4, 5], [5, 5], [5],
      [5, 5], [5], [4, 5], [5, 5], [5],
      [5, 3], [3],
    ]);
    const net = new ResMlpDenoiser(config, s, createRng(1));
    const w = await net.getWeights();
    expect(w[12].every((v) => v === 0)).toBe(true);
    expect(w[5].every((v) => v === 0)).toBe(true);
    expect(w[0].some((v) => v !== 0)).toBe(true);
    // ε_θ = ε*: with zero residual weights the loss equals the float64 Gaussian-only loss
    const rng = createRng(2);
    const B = 6;
    const x = Float64Array.from({ length: B * d }, () => rng.normal());
    const ts = Int32Array.from({ length: B }, () => 1 + rng.int(20));
    const emb = timeEmbeddings(ts, 20, E);
    const eps = Float64Array.from({ length: B * d }, () => rng.normal());
    const r = tf.tidy(() => net.lossAndGradients(tf.tensor2d(Float32Array.from(x), [B, d]), tf.tensor2d(emb, [B, E]), tf.tensor2d(Float32Array.from(eps), [B, d]), net.skipTerm(ts)));
    const got = (await r.loss.data())[0];
    tf.dispose([r.loss, ...r.grads]);
    expect(got).toBeCloseTo(lossF64(w.map((a) => Float64Array.from(a)), x, ts, Float64Array.from(emb), eps), 5);
    net.dispose();
  });

  it('backpropagation matches central differences of an independent float64 loss, in every tensor, with no leak', async () => {
    const rng = createRng(3);
    const net = new ResMlpDenoiser(config, s, rng);
    const w64 = (await net.getWeights()).map((a) => Float64Array.from(a, () => 0.6 * rng.normal()));
    net.setWeights(w64.map((a) => Float32Array.from(a)));
    const B = 8;
    const x = Float64Array.from({ length: B * d }, () => rng.normal());
    const ts = Int32Array.from({ length: B }, () => 1 + rng.int(20));
    const emb = timeEmbeddings(ts, 20, E);
    const eps = Float64Array.from({ length: B * d }, () => rng.normal());
    const before = tf.memory().numTensors;
    const r = tf.tidy(() => net.lossAndGradients(tf.tensor2d(Float32Array.from(x), [B, d]), tf.tensor2d(emb, [B, E]), tf.tensor2d(Float32Array.from(eps), [B, d]), net.skipTerm(ts)));
    const loss = (await r.loss.data())[0];
    const grads = gradientsPerParameter(await Promise.all(r.grads.map((g) => g.data())), resDenoiserShapes(config));
    tf.dispose([r.loss, ...r.grads]);
    expect(tf.memory().numTensors).toBe(before);
    const w = w64.map((a) => Float64Array.from(Float32Array.from(a)));
    const base = lossF64(w, x, ts, Float64Array.from(emb), eps);
    expect(loss).toBeCloseTo(base, 4);
    const h = 1e-6;
    let checked = 0;
    w.forEach((tensor, i) => {
      for (let k = 0; k < tensor.length; k += Math.max(1, Math.floor(tensor.length / 7))) {
        const keep = tensor[k];
        tensor[k] = keep + h;
        const up = lossF64(w, x, ts, Float64Array.from(emb), eps);
        tensor[k] = keep - h;
        const down = lossF64(w, x, ts, Float64Array.from(emb), eps);
        tensor[k] = keep;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(grads[i][k] - fd), `tensor ${i} entry ${k}: backprop ${grads[i][k]}, differences ${fd}`).toBeLessThan(2e-4 + 2e-3 * Math.abs(fd));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(60);
    net.dispose();
  });

  it("on wasm: the cpu backend's loss and gradients to float tolerance, each affine map one kernel, no Sum (a transpose there) and no Reshape", async () => {
    const rng = createRng(4);
    const B = 8;
    const x = Float32Array.from({ length: B * d }, () => rng.normal());
    const ts = Int32Array.from({ length: B }, () => 1 + rng.int(20));
    const emb = timeEmbeddings(ts, 20, E);
    const eps = Float32Array.from({ length: B * d }, () => rng.normal());
    const weights = Array.from({ length: 2 + 5 * 2 + 2 }, (_, i) => Float32Array.from({ length: resDenoiserShapes(config)[i].reduce((a, b) => a * b, 1) }, () => 0.6 * rng.normal()));
    const run = async (profile: boolean) => {
      const net = new ResMlpDenoiser(config, s, createRng(1));
      net.setWeights(weights);
      const before = tf.memory().numTensors;
      let out: { loss: Scalar; grads: Tensor[] } | null = null;
      const f = () => (out = tf.tidy(() => net.lossAndGradients(tf.tensor2d(x, [B, d]), tf.tensor2d(emb, [B, E]), tf.tensor2d(eps, [B, d]), net.skipTerm(ts))));
      const kernels = profile ? (await tf.profile(() => [f().loss, ...out!.grads])).kernels.map((k) => k.name) : (f(), []);
      const values = (await Promise.all([out!.loss, ...out!.grads].map((t) => t.data()))) as Float32Array[];
      tf.dispose([out!.loss, ...out!.grads]);
      expect(tf.memory().numTensors).toBe(before);
      net.dispose();
      return { values, kernels };
    };
    const onCpu = await run(false);
    await tf.setBackend('wasm');
    try {
      const onWasm = await run(true);
      const names = onWasm.kernels.filter((k) => tf.getKernel(k, 'wasm'));
      expect(names.includes('Sum')).toBe(false);
      // 6 affine maps with a bias, fused; no reshapes (the bias gradients stay rows [1, w])
      expect(names.filter((k) => k === '_FusedMatMul')).toHaveLength(6);
      expect(names.filter((k) => k === 'Reshape')).toHaveLength(0);
      onWasm.values.forEach((v, i) => v.forEach((y, k) => expect(Math.abs(y - onCpu.values[i][k]), `tensor ${i - 1} entry ${k}`).toBeLessThan(1e-5 + 1e-5 * Math.abs(onCpu.values[i][k]))));
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
