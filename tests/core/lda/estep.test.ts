import { describe, expect, it } from 'vitest';
import { corpusFromDocs } from '../../../src/core/lda/corpus';
import { DEFAULT_ESTEP, eStepDoc, eStepWork, initGamma } from '../../../src/core/lda/estep';
import { digamma, logGamma } from '../../../src/core/lda/special';
import { dirichlet } from '../../../src/core/lda/simulate';
import { createRng } from '../../../src/core/random';

const K = 3;
const V = 4;
const rng = createRng(11);
const beta = new Float64Array(K * V);
for (let k = 0; k < K; k++) beta.set(dirichlet(rng, 1, V), k * V);
const alpha = Float64Array.from([0.4, 0.9, 1.6]);
// One short document: word 0 twice, word 2 once, word 3 once (4 tokens).
const corpus = corpusFromDocs([{ ids: [0, 2, 3], counts: [2, 1, 1] }], V);
const tokens = [0, 0, 2, 3];
const tight = { tol: 1e-13, maxIter: 10000 };

/** The ELBO written out term by term with an explicit φ [distinct words × K] (Blei et al. 2003, eq. 15). */
function fullElbo(phi: number[][], gamma: number[]): number {
  const sg = gamma.reduce((a, b) => a + b, 0);
  const el = gamma.map((g) => digamma(g) - digamma(sg));
  const sa = alpha.reduce((a, b) => a + b, 0);
  let L = logGamma(sa) - alpha.reduce((s, a) => s + logGamma(a), 0) + alpha.reduce((s, a, k) => s + (a - 1) * el[k], 0);
  L -= logGamma(sg) - gamma.reduce((s, g) => s + logGamma(g), 0) + gamma.reduce((s, g, k) => s + (g - 1) * el[k], 0);
  for (let i = 0; i < 3; i++) {
    const w = corpus.ids[i];
    const n = corpus.counts[i];
    for (let k = 0; k < K; k++) L += n * phi[i][k] * (el[k] + Math.log(beta[k * V + w]) - Math.log(phi[i][k]));
  }
  return L;
}

function phiOf(gamma: number[]): number[][] {
  const sg = gamma.reduce((a, b) => a + b, 0);
  return [0, 1, 2].map((i) => {
    const w = corpus.ids[i];
    const u = gamma.map((g, k) => Math.exp(digamma(g) - digamma(sg)) * beta[k * V + w]);
    const z = u.reduce((a, b) => a + b, 0);
    return u.map((x) => x / z);
  });
}

function solve(): number[] {
  const gamma = new Float64Array(K);
  initGamma(corpus, 0, alpha, gamma, 0);
  eStepDoc(corpus, 0, beta, alpha, gamma, 0, eStepWork(K, 4), tight);
  return Array.from(gamma);
}

describe('CAVI E-step for one document', () => {
  it('returns the ELBO written out term by term, at φ*(γ)', () => {
    const gamma = new Float64Array([1.3, 0.7, 2.2]);
    const r = eStepDoc(corpus, 0, beta, alpha, gamma, 0, eStepWork(K, 4), { tol: 0, maxIter: 3 });
    expect(r.bound).toBeCloseTo(fullElbo(phiOf(Array.from(gamma)), Array.from(gamma)), 10);
  });

  it('stops where the ELBO is stationary: γ = α + Σ n φ and no perturbation of γ or φ raises it', () => {
    const g = solve();
    const phi = phiOf(g);
    for (let k = 0; k < K; k++) expect(g[k]).toBeCloseTo(alpha[k] + phi.reduce((s, p, i) => s + corpus.counts[i] * p[k], 0), 10);
    const L0 = fullElbo(phi, g);
    const h = 1e-6;
    for (let k = 0; k < K; k++) {
      const up = g.slice();
      up[k] += h;
      const dn = g.slice();
      dn[k] -= h;
      expect((fullElbo(phi, up) - fullElbo(phi, dn)) / (2 * h)).toBeCloseTo(0, 6);
    }
    // φ moves within the simplex: shift mass ε from topic a to topic b of one word.
    for (let i = 0; i < 3; i++)
      for (let a = 0; a < K; a++)
        for (let b = 0; b < K; b++) {
          if (a === b) continue;
          const p = phi.map((r) => r.slice());
          p[i][a] -= 1e-4;
          p[i][b] += 1e-4;
          expect(fullElbo(p, g)).toBeLessThan(L0);
        }
  });

  it('is a lower bound on the exact log-likelihood log p(w | α, β), summed over all K^N topic assignments', () => {
    const sa = alpha.reduce((a, b) => a + b, 0);
    let p = 0;
    const n = tokens.length;
    for (let code = 0; code < K ** n; code++) {
      const z = Array.from({ length: n }, (_, i) => Math.floor(code / K ** i) % K);
      const nk = new Array(K).fill(0);
      z.forEach((zk) => nk[zk]++);
      // E_Dir(α)[Π θ_{z_n}] = Γ(Σα)/Γ(Σα + N) Π_k Γ(α_k + n_k)/Γ(α_k)
      let logE = logGamma(sa) - logGamma(sa + n);
      for (let k = 0; k < K; k++) logE += logGamma(alpha[k] + nk[k]) - logGamma(alpha[k]);
      p += Math.exp(logE) * z.reduce((s, zk, i) => s * beta[zk * V + tokens[i]], 1);
    }
    // Multinomial bag: the bound is for the sequence; the E-step's bound is the sequence's too.
    const gamma = new Float64Array(K);
    initGamma(corpus, 0, alpha, gamma, 0);
    const r = eStepDoc(corpus, 0, beta, alpha, gamma, 0, eStepWork(K, 4), DEFAULT_ESTEP);
    expect(r.bound).toBeLessThan(Math.log(p));
  });

  it('adds n_w φ_wk into the sufficient statistics', () => {
    const g = solve();
    const phi = phiOf(g);
    const s = new Float64Array(K * V);
    const gamma = Float64Array.from(g);
    eStepDoc(corpus, 0, beta, alpha, gamma, 0, eStepWork(K, 1), tight, s, 2);
    for (let i = 0; i < 3; i++) for (let k = 0; k < K; k++) expect(s[k * V + corpus.ids[i]]).toBeCloseTo(2 * corpus.counts[i] * phi[i][k], 9);
  });
});
