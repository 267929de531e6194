/** Pure helpers for the 2-D latent widget. */

/** The pretrained 784-400-2 model; `npm run lab -- vae-latent` runs the same. */
export const LATENT_PRESET = { start: 'pretrained', latent: 2 } as const;

/** Where the draggable probe starts. */
export const DEFAULT_PROBE: [number, number] = [0.5, -0.5];

/** Ten distinguishable digit colours: Okabe–Ito's eight plus two darker tones, as RGB in [0, 1]. */
export const DIGIT_COLORS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
  '#999999',
  '#7B3F00',
  '#2E2E8A',
];

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

/** Per-point RGB (length 3n) for digit labels. */
export function labelColors(labels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(labels.length * 3);
  for (let i = 0; i < labels.length; i++) out.set(hexToRgb(DIGIT_COLORS[labels[i] % 10]), 3 * i);
  return out;
}

/** Index of the encoded digit nearest to (x, y). @param means [n, 2] */
export function nearestIndex(means: ArrayLike<number>, x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < means.length / 2; i++) {
    const d = (means[2 * i] - x) ** 2 + (means[2 * i + 1] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** `steps` points on the segment from a to b, ends included. @returns [steps, 2] */
export function segment(a: readonly [number, number], b: readonly [number, number], steps: number): Float32Array {
  const out = new Float32Array(steps * 2);
  for (let k = 0; k < steps; k++) {
    const t = steps === 1 ? 0 : k / (steps - 1);
    out[2 * k] = a[0] + t * (b[0] - a[0]);
    out[2 * k + 1] = a[1] + t * (b[1] - a[1]);
  }
  return out;
}
