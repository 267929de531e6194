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
  return { testElbo: ev.elbo, testRecon: ev.recon, testKl1: ev.kl1, testKl2: ev.kl2, active1: ev.active1, active2: ev.active2 };
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
