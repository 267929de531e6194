/**
 * A training minibatch for a noise predictor, written in plain arrays: t ~ U{1..T} and ε ~ N(0, I)
 * per row, x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, and the network input h_0 = [x_t, emb(t)] row-major and
 * transposed with a row of ones appended (two uploads replace uploads, a concat, a transpose and
 * a concat on the backend; the ones row gives the first layer's bias gradient in its weight
 * gradient's product, ../math/dense.ts). Shared by
 * the MLP denoisers (./mlpDenoiser.ts, ./resMlpDenoiser.ts); the draws are made row by row, t
 * first, then the row's d normals.
 */
import type { Rng } from '../random';
import type { NoiseSchedule } from './schedule';
import { timeEmbeddings } from './timeEmbedding';

export interface NoisyBatch {
  /** t per row [B] */
  ts: Int32Array;
  /** ε [B*d] */
  eps: Float32Array;
  /** [x_t, emb(t)] row-major [B*(d+E)] */
  h0: Float32Array;
  /** [h_0ᵀ; 1] [(d+E+1)*B] */
  h0T1: Float32Array;
}

/** @param x0 clean rows [B*d] @param table embeddings of t = 0..T [(T+1)*E] */
export function noisyBatch(x0: ArrayLike<number>, d: number, schedule: NoiseSchedule, table: Float32Array, E: number, rng: Rng): NoisyBatch {
  const F = d + E;
  const B = x0.length / d;
  const ts = new Int32Array(B);
  const eps = new Float32Array(B * d);
  const h0 = new Float32Array(B * F);
  const h0T1 = new Float32Array(B * (F + 1)).fill(1, B * F);
  const ab = schedule.alphaBar;
  for (let i = 0; i < B; i++) {
    const t = 1 + rng.int(schedule.T);
    ts[i] = t;
    const a = Math.sqrt(ab[t]);
    const b = Math.sqrt(1 - ab[t]);
    for (let j = 0; j < d; j++) {
      const e = rng.normal();
      eps[i * d + j] = e;
      const v = a * x0[i * d + j] + b * e;
      h0[i * F + j] = v;
      h0T1[j * B + i] = v;
    }
    for (let k = 0; k < E; k++) {
      const v = table[t * E + k];
      h0[i * F + d + k] = v;
      h0T1[(d + k) * B + i] = v;
    }
  }
  return { ts, eps, h0, h0T1 };
}

/** timeEmbeddings of t = 0..T, [(T+1)*E] (a step then only copies rows). */
export function embeddingTable(T: number, E: number): Float32Array {
  return timeEmbeddings(Int32Array.from({ length: T + 1 }, (_, t) => t), T, E);
}

/**
 * Clean points noised at random timesteps for a per-point loss: t ~ U{1..T}, then the row's d
 * normals. @returns ts [n], x_t [n*d], ε [n*d]
 */
export function noisedPoints(x0: ArrayLike<number>, n: number, d: number, schedule: NoiseSchedule, rng: Rng) {
  const ts = new Int32Array(n);
  const xt = new Float32Array(n * d);
  const eps = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    ts[i] = 1 + rng.int(schedule.T);
    const ab = schedule.alphaBar[ts[i]];
    for (let j = 0; j < d; j++) {
      eps[i * d + j] = rng.normal();
      xt[i * d + j] = Math.sqrt(ab) * x0[i * d + j] + Math.sqrt(1 - ab) * eps[i * d + j];
    }
  }
  return { ts, xt, eps };
}
