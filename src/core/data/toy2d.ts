/**
 * Seeded 2-D toy datasets shared by every chapter: mixtures, manifolds and shapes a Gaussian
 * mixture, a VAE or a diffusion model can be asked to fit.
 *
 * Every generator returns a Float64Array [n*2], row-major (x0, y0, x1, y1, …). The noiseless
 * shape is centred and divided by one scale factor so that the average per-coordinate variance
 * is 1 (aspect ratio kept); `noise` is then the standard deviation of isotropic Gaussian jitter
 * in those standardized units, so a noise slider means the same thing on every dataset.
 * The total per-coordinate variance is therefore about 1 + noise².
 */
import type { Rng } from '../random';

export const DATASET_NAMES = ['blobs', 'moons', 'rings', 'swissroll', 'checkerboard'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const DATASET_LABELS: Record<DatasetName, string> = {
  blobs: 'Gaussian blobs',
  moons: 'Two moons',
  rings: 'Concentric rings',
  swissroll: 'Swiss roll',
  checkerboard: 'Checkerboard',
};

/** Default jitter (standardized units) per dataset: enough to look natural, little enough to keep the shape. */
export const DEFAULT_NOISE: Record<DatasetName, number> = {
  blobs: 0.3,
  moons: 0.1,
  rings: 0.06,
  swissroll: 0.05,
  checkerboard: 0.02,
};

/** Centres `pts` [n*2] and divides by sqrt((var_x + var_y) / 2), in place. Returns the scale used. */
function standardize(pts: Float64Array): number {
  const n = pts.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += pts[2 * i];
    my += pts[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dx = pts[2 * i] - mx;
    const dy = pts[2 * i + 1] - my;
    ss += dx * dx + dy * dy;
  }
  const scale = Math.sqrt(ss / (2 * n)) || 1;
  for (let i = 0; i < n; i++) {
    pts[2 * i] = (pts[2 * i] - mx) / scale;
    pts[2 * i + 1] = (pts[2 * i + 1] - my) / scale;
  }
  return scale;
}

/** Standardizes the clean shape, then adds N(0, noise² I) jitter. */
function finish(pts: Float64Array, rng: Rng, noise: number): Float64Array {
  standardize(pts);
  if (noise > 0) for (let i = 0; i < pts.length; i++) pts[i] += noise * rng.normal();
  return pts;
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`A dataset needs a positive integer number of points, got ${n}`);
}

/**
 * Three isotropic Gaussian blobs with equal weights, centres on an equilateral triangle.
 * The standardized centres have unit variance; `noise` is each blob's standard deviation.
 */
export function gaussianBlobs(n: number, rng: Rng, noise = DEFAULT_NOISE.blobs): Float64Array {
  checkCount(n);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(3);
    const angle = Math.PI / 2 + (2 * Math.PI * c) / 3;
    pts[2 * i] = Math.cos(angle);
    pts[2 * i + 1] = Math.sin(angle);
  }
  return finish(pts, rng, noise);
}

/** Two interleaving half circles (the outer moon above, the inner one shifted right and down). */
export function twoMoons(n: number, rng: Rng, noise = DEFAULT_NOISE.moons): Float64Array {
  checkCount(n);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = Math.PI * rng.uniform();
    if (rng.uniform() < 0.5) {
      pts[2 * i] = Math.cos(t);
      pts[2 * i + 1] = Math.sin(t);
    } else {
      pts[2 * i] = 1 - Math.cos(t);
      pts[2 * i + 1] = 0.5 - Math.sin(t);
    }
  }
  return finish(pts, rng, noise);
}

/** Two concentric circles, radii 1 and 1/2, with points split in proportion to circumference. */
export function rings(n: number, rng: Rng, noise = DEFAULT_NOISE.rings): Float64Array {
  checkCount(n);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = rng.uniform() < 2 / 3 ? 1 : 0.5;
    const t = 2 * Math.PI * rng.uniform();
    pts[2 * i] = r * Math.cos(t);
    pts[2 * i + 1] = r * Math.sin(t);
  }
  return finish(pts, rng, noise);
}

/** The 2-D Swiss roll: a spiral (t cos t, t sin t), t ∈ [1.5π, 4.5π], uniform in t. */
export function swissRoll(n: number, rng: Rng, noise = DEFAULT_NOISE.swissroll): Float64Array {
  checkCount(n);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    pts[2 * i] = t * Math.cos(t);
    pts[2 * i + 1] = t * Math.sin(t);
  }
  return finish(pts, rng, noise);
}

/** Uniform on the dark squares of a 4×4 checkerboard over [-2, 2]² (8 squares of side 1). */
export function checkerboard(n: number, rng: Rng, noise = DEFAULT_NOISE.checkerboard): Float64Array {
  checkCount(n);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const square = rng.int(8);
    const row = Math.floor(square / 2);
    const col = 2 * (square % 2) + (row % 2);
    pts[2 * i] = col - 2 + rng.uniform();
    pts[2 * i + 1] = row - 2 + rng.uniform();
  }
  return finish(pts, rng, noise);
}

const GENERATORS: Record<DatasetName, (n: number, rng: Rng, noise?: number) => Float64Array> = {
  blobs: gaussianBlobs,
  moons: twoMoons,
  rings,
  swissroll: swissRoll,
  checkerboard,
};

/** Draws `n` points of the named dataset; `noise` defaults to the dataset's DEFAULT_NOISE. */
export function makeDataset(name: DatasetName, n: number, rng: Rng, noise?: number): Float64Array {
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`Unknown dataset "${name}". Known: ${DATASET_NAMES.join(', ')}`);
  if (noise !== undefined && !(Number.isFinite(noise) && noise >= 0)) {
    throw new Error(`noise must be a finite non-negative number, got ${noise}`);
  }
  return gen(n, rng, noise ?? DEFAULT_NOISE[name]);
}

/** Fewest points a drawn set may have: a 2-D Gaussian mixture needs a handful to be fitted at all. */
export const MIN_DRAWN_POINTS = 5;
/** Drawn points are mapped into [-STANDARD_BOX, STANDARD_BOX]², about where the toy datasets live. */
export const STANDARD_BOX = 2;

export type DrawnResult =
  | { ok: true; points: Float64Array; center: [number, number]; scale: number }
  | { ok: false; reason: string };

/**
 * Validates and rescales a point set the reader drew (any units, e.g. canvas pixels):
 * the length must be even, every coordinate finite, at least MIN_DRAWN_POINTS points, and
 * the points must not all coincide. The result is centred on the bounding box's midpoint and
 * scaled (one factor, aspect kept) so the longer side spans [-STANDARD_BOX, STANDARD_BOX].
 * x' = (x - center) / scale.
 * @param points [n*2] row-major x, y
 */
export function normalizeDrawn(points: ArrayLike<number>): DrawnResult {
  if (points.length % 2 !== 0) return { ok: false, reason: 'Points must come as x, y pairs (an even count of numbers).' };
  const n = points.length / 2;
  if (n < MIN_DRAWN_POINTS) {
    return { ok: false, reason: `Draw at least ${MIN_DRAWN_POINTS} points (got ${n}).` };
  }
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return { ok: false, reason: `Point ${i} is not a pair of finite numbers.` };
    }
    xmin = Math.min(xmin, x);
    xmax = Math.max(xmax, x);
    ymin = Math.min(ymin, y);
    ymax = Math.max(ymax, y);
  }
  const half = Math.max(xmax - xmin, ymax - ymin) / 2;
  if (!(half > 0)) return { ok: false, reason: 'All points coincide; spread them out.' };
  const cx = (xmin + xmax) / 2;
  const cy = (ymin + ymax) / 2;
  const scale = half / STANDARD_BOX;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = (points[2 * i] - cx) / scale;
    out[2 * i + 1] = (points[2 * i + 1] - cy) / scale;
  }
  return { ok: true, points: out, center: [cx, cy], scale };
}
