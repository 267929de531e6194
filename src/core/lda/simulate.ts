/**
 * Corpora simulated from LDA's own generative model with known topics, for tests that check
 * recovery: β_k ~ Dir(η) over V words, θ_d ~ Dir(α), N_d words each drawn by z ~ Cat(θ_d), w ~ Cat(β_z).
 */
import { categorical, createRng, gamma, type Rng } from '../random';
import { bagOf, corpusFromDocs, type BowCorpus } from './corpus';

export interface SimulationSettings {
  k: number;
  v: number;
  docs: number;
  /** words per document */
  length: number;
  alpha: number;
  eta: number;
  seed: number;
}

export function dirichlet(rng: Rng, concentration: number, n: number): Float64Array {
  const x = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] = Math.max(gamma(rng, concentration), 1e-300);
  for (let i = 0; i < n; i++) x[i] /= s;
  return x;
}

/** Draws the topics β [K*V] (row k is topic k). */
export function simulateTopics(s: Pick<SimulationSettings, 'k' | 'v' | 'eta' | 'seed'>): Float64Array {
  const rng = createRng(s.seed);
  const beta = new Float64Array(s.k * s.v);
  for (let j = 0; j < s.k; j++) beta.set(dirichlet(rng, s.eta, s.v), j * s.v);
  return beta;
}

/** Draws one document's tokens given β; returns word ids. */
export function simulateDocument(rng: Rng, beta: Float64Array, k: number, v: number, alpha: number, length: number): number[] {
  const theta = dirichlet(rng, alpha, k);
  const words: number[] = [];
  for (let n = 0; n < length; n++) {
    const z = categorical(rng, theta);
    words.push(categorical(rng, beta.subarray(z * v, (z + 1) * v)));
  }
  return words;
}

export function simulateCorpus(s: SimulationSettings): { corpus: BowCorpus; beta: Float64Array } {
  const beta = simulateTopics(s);
  const rng = createRng(s.seed + 1);
  const docs = [];
  for (let d = 0; d < s.docs; d++) docs.push(bagOf(simulateDocument(rng, beta, s.k, s.v, s.alpha, s.length)));
  return { corpus: corpusFromDocs(docs, s.v), beta };
}

/** Total-variation distance ½ Σ_w |p_w − q_w| between rows i of a and j of b. */
export function totalVariation(a: Float64Array, i: number, b: Float64Array, j: number, v: number): number {
  let s = 0;
  for (let w = 0; w < v; w++) s += Math.abs(a[i * v + w] - b[j * v + w]);
  return s / 2;
}

/** Inverse-CDF sampler for the rows of β: O(log V) per draw instead of categorical's O(V). */
export function topicSamplers(beta: Float64Array, k: number, v: number): (rng: Rng, topic: number) => number {
  const cdf = new Float64Array(k * v);
  for (let j = 0; j < k; j++) {
    let c = 0;
    for (let w = 0; w < v; w++) cdf[j * v + w] = c += beta[j * v + w];
  }
  return (rng, topic) => {
    const u = rng.uniform() * cdf[topic * v + v - 1];
    let lo = topic * v;
    let hi = topic * v + v - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo - topic * v;
  };
}

/**
 * Documents of the simulated corpus as lines of text over `words` (word id w written as
 * words[w]), one document per yield: the input format of `npm run lab -- lda --corpus FILE`.
 * Generated lazily, so a test can write a large file without holding it.
 */
export function* simulateTextLines(s: SimulationSettings, words: readonly string[]): Generator<string> {
  if (words.length < s.v) throw new Error(`need ${s.v} words, got ${words.length}`);
  const beta = simulateTopics(s);
  const draw = topicSamplers(beta, s.k, s.v);
  const rng = createRng(s.seed + 1);
  const tokens: string[] = new Array<string>(s.length);
  for (let d = 0; d < s.docs; d++) {
    const theta = dirichlet(rng, s.alpha, s.k);
    for (let n = 0; n < s.length; n++) tokens[n] = words[draw(rng, categorical(rng, theta))];
    yield tokens.join(' ');
  }
}
