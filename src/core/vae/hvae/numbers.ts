/**
 * The evaluation behind chapter 7's numbers on the two-layer VAE, shared by scripts/hvaeNumbers.ts
 * (which writes chapterNumbers.json) and its test (which recomputes them from the shipped weights).
 * Same held-out digits, the same K = 500 and the same 10 ELBO draws as the one-layer VAE's numbers.
 */
import { createRng } from '../../random';
import { ELBO_EVAL_SAMPLES, IWAE_EVAL_K } from '../pretrained';
import { evaluateHvae, hvaeIwae } from './evaluate';
import { HVAE_PARAM_NAMES, type HvaeArrays, type HvaeShape, type HvaeWeights } from './model';

export const HVAE_NUMBER_SEEDS = { elbo: 701, iwae: 702 };
/** IWAE recomputed by the test on this many first held-out digits (the full 1,000 take minutes). */
export const HVAE_CHECK_DIGITS = 20;

export async function hvaeHeldOut(w: HvaeWeights, s: HvaeShape, images: Float32Array) {
  const ev = await evaluateHvae(w, s, images, createRng(HVAE_NUMBER_SEEDS.elbo), ELBO_EVAL_SAMPLES);
  return { testElbo: ev.elbo, testRecon: ev.recon, testKl1: ev.kl1, testKl2: ev.kl2, active1: ev.active1, active2: ev.active2, perDigit: ev.perDigit };
}

/**
 * The mean of the per-digit differences a_i − b_i of two models scored on the same digits, and its
 * standard error sd(a − b)/√n: pairing removes the digit-to-digit spread the two models share, and
 * what is left covers both the choice of held-out digits and each digit's Monte Carlo noise.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; se: number } {
  const n = a.length;
  if (b.length !== n || n < 2) throw new Error(`pairedDifference: need two equal-length lists of at least 2 values, got ${n} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < n; i++) m += (a[i] - b[i]) / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (a[i] - b[i] - m) ** 2 / (n - 1);
  return { mean: m, se: Math.sqrt(v / n) };
}

/** Per-digit L_500; digit i's draws depend only on i's position, so a prefix recomputes exactly. */
export async function hvaeIwaePerDigit(w: HvaeWeights, s: HvaeShape, images: Float32Array): Promise<Float64Array> {
  return (await hvaeIwae(w, s, images, IWAE_EVAL_K, createRng(HVAE_NUMBER_SEEDS.iwae))).perDigit;
}

/** FNV-1a over the float32 bits of every weight in layout order: catches weights remade without re-evaluating. */
export function hvaeDigest(a: HvaeArrays): string {
  let h = 0x811c9dc5;
  for (const n of HVAE_PARAM_NAMES) {
    const bytes = new Uint8Array(a[n].buffer, a[n].byteOffset, a[n].byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
