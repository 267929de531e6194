/**
 * Every widget kind has an `npm run lab` entry (scripts/lab/widgets.ts), and each entry, run with
 * small settings, prints the numbers its widget shows; where they are cheap to get another way
 * they are checked against that independent computation.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWidgetEntry, type WidgetLabResult } from '../../../scripts/lab/runWidget';
import { widgetLabEntries, type WidgetLabEntry } from '../../../scripts/lab/widgets';
import { widgetRegistry } from '../../../src/widgets/registry';
import { chapter2StandardErrorNumbers } from '../../../src/core/em/standardErrorNumbers';

const root = path.resolve(__dirname, '../../..');
const entries = widgetLabEntries as Record<string, WidgetLabEntry>;

async function quickRun(kind: string, extra: Record<string, string> = {}): Promise<WidgetLabResult> {
  const e = entries[kind];
  return runWidgetEntry(kind, e, {
    seed: 1,
    steps: e.quick.steps ?? null,
    rawParams: { ...e.quick.params, ...extra },
    backend: 'wasm',
    root,
    summarize: e.quick.summarize,
  });
}

/** Everything the lab prints, by name. */
function printed(r: WidgetLabResult): Record<string, number | string> {
  return { ...r.metrics, ...r.summary, ...r.readout };
}

describe('npm run lab covers every widget kind', () => {
  it('the widget registry and the lab entries name the same kinds', () => {
    const missing = Object.keys(widgetRegistry).filter((k) => !(k in entries));
    expect(missing, `add these kinds to scripts/lab/widgets.ts: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(entries).filter((k) => !(k in widgetRegistry));
    expect(stale).toEqual([]);
  });

  for (const kind of Object.keys(widgetRegistry)) {
    it(`${kind}: its lab entry prints the numbers the widget shows`, async () => {
      const e = entries[kind];
      expect(e, `no lab entry for ${kind}`).toBeDefined();
      expect(e.shows.length).toBeGreaterThan(0);
      const r = await quickRun(kind);
      const out = printed(r);
      for (const key of e.shows) {
        expect(out, `${kind} does not print ${key}`).toHaveProperty([key]);
        const v = out[key];
        if (typeof v === 'number') expect(Number.isFinite(v), `${kind}: ${key} = ${v}`).toBe(true);
      }
      expect(r.widget).toBe(kind);
      expect(r.notices).toEqual([]);
    }, 240_000);
  }
});

describe('lab numbers agree with independent computations', () => {
  it('gradient-variance: the exact gradient of the Gaussian toy is −m (∂/∂m) and 1 − s² (∂/∂ log s); both estimators are unbiased', async () => {
    const m = await quickRun('gradient-variance', { qMean: '1.5', repeats: '2000' });
    const out = m.readout!;
    expect(out.exactGradient).toBeCloseTo(-1.5, 10);
    for (const name of ['reparameterization', 'score']) {
      const se = Math.sqrt(Number(out[`${name}.variance`]) / 2000);
      expect(Math.abs(Number(out[`${name}.mean`]) + 1.5)).toBeLessThan(5 * se);
    }
    // With S = 10 draws the reparameterization estimate of ∂/∂m is the mean of −(m + s ε): variance
    // s²/S = 0.1. Over R = 2,000 repeats a variance estimate has sd ≈ 0.1·√(2/R) = 0.0032: allow 4 of
    // those (it allowed ± 0.05 before, so S = 8 or S = 15 passed).
    expect(Math.abs(Number(out['reparameterization.variance']) - 1 / 10)).toBeLessThan(4 * 0.1 * Math.sqrt(2 / 1999));
    expect(out.varianceRatio).toBeCloseTo(Number(out['score.variance']) / Number(out['reparameterization.variance']), 10);
    const s = await quickRun('gradient-variance', { qLogScale: '0.5', component: 'logS' });
    expect(s.readout!.exactGradient).toBeCloseTo(1 - Math.exp(1), 10);
  });

  it('kl-direction: moment matching puts q at the mixture mean (0, 0); each fit wins in its own direction; far modes give log 2', async () => {
    const out = (await quickRun('kl-direction', { separation: '8' })).readout!;
    expect(out['massCovering.mean']).toBe('0.0000, 0.0000');
    expect(Number(out['modeSeeking.klQP'])).toBeLessThanOrEqual(Number(out['massCovering.klQP']));
    expect(Number(out['massCovering.klPQ'])).toBeLessThanOrEqual(Number(out['modeSeeking.klPQ']));
    expect(Number(out['modeSeeking.klQP'])).toBeCloseTo(Math.LN2, 3);
  });

  it('ddm-forward: √ᾱ_t from the linear β schedule multiplied out here; noise sd² + ᾱ_t = 1; log SNR = log(ᾱ/(1−ᾱ))', async () => {
    const T = 100;
    const t = 37;
    const out = (await quickRun('ddm-forward', { T: String(T), t: String(t), schedule: 'linear' })).readout!;
    const lo = 1e-4 * (1000 / T);
    const hi = 0.02 * (1000 / T);
    let alphaBar = 1;
    for (let s = 1; s <= t; s++) alphaBar *= 1 - (lo + ((hi - lo) * (s - 1)) / (T - 1));
    expect(out.sqrtAlphaBar).toBeCloseTo(Math.sqrt(alphaBar), 12);
    expect(Number(out.noiseSd) ** 2 + alphaBar).toBeCloseTo(1, 12);
    expect(out['logSnr.linear']).toBeCloseTo(Math.log(alphaBar / (1 - alphaBar)), 10);
    expect(out.beta).toBeCloseTo(lo + ((hi - lo) * (t - 1)) / (T - 1), 12);
  });

  it('elbo-split: ELBO + KL = log p(x) for the reader’s q and for variational EM’s, and KL ≥ 0', async () => {
    const out = (await quickRun('elbo-split', { shift: '1.5', sd: '0.3' })).readout!;
    for (const q of ['yourQ', 'variationalEmQ']) {
      expect(Number(out[`${q}.elbo`]) + Number(out[`${q}.kl`])).toBeCloseTo(Number(out.logLik), 8);
      expect(Number(out[`${q}.kl`])).toBeGreaterThanOrEqual(0);
    }
    expect(out.tau2Bias).toBeCloseTo(Number(out.tau2) - Number(out.mleTau2), 12);
  });

  it('vae-collapse: the per-dimension KL bars add up to the held-out KL; active units ≤ latent dimension', async () => {
    const out = (await quickRun('vae-collapse')).readout!;
    const bars = Object.entries(out).filter(([k]) => k.startsWith('kl.z')).map(([, v]) => Number(v));
    expect(bars).toHaveLength(4);
    expect(bars.reduce((a, b) => a + b, 0)).toBeCloseTo(Number(out['heldOut.kl']), 3);
    expect(Number(out.activeUnits)).toBeLessThanOrEqual(4);
    expect(out.latent).toBe(4);
  }, 120_000);

  it('ddm-sampler: at t = T the chain is N(0, I): mean ≈ 0, sd ≈ 1', async () => {
    const r = await quickRun('ddm-sampler');
    const T = r.params.T as number;
    const sd = String(r.readout![`t${T}.sd`]).split(', ').map(Number);
    const mean = String(r.readout![`t${T}.mean`]).split(', ').map(Number);
    for (const v of sd) expect(Math.abs(v - 1)).toBeLessThan(0.15);
    for (const v of mean) expect(Math.abs(v)).toBeLessThan(0.2);
  }, 120_000);

  it('em-gmm: after convergence it prints the Louis SEs and 95% Wald intervals of the widget table, equal to chapter 2’s float64 pipeline (an independent fit from the same k-means++ start)', async () => {
    const r = await quickRun('em-gmm');
    const out = r.summary;
    const ch2 = chapter2StandardErrorNumbers();
    expect(Number(out['π1 estimate'])).toBeCloseTo(ch2.weight, 5);
    expect(Number(out['π1 SE'])).toBeCloseTo(ch2.weightSe, 5);
    expect(Number(out['π1 95% lower'])).toBeCloseTo(ch2.weightLower, 5);
    expect(Number(out['π1 95% upper'])).toBeCloseTo(ch2.weightUpper, 5);
    expect(Number(out['μ1,1 SE'])).toBeCloseTo(ch2.meanSe, 5);
    let weights = 0;
    for (let c = 1; c <= 3; c++) {
      weights += Number(out[`π${c} estimate`]);
      for (const name of [`π${c}`, `μ${c},1`, `μ${c},2`]) {
        const [e, se] = [Number(out[`${name} estimate`]), Number(out[`${name} SE`])];
        expect(se).toBeGreaterThan(0);
        expect(Number(out[`${name} 95% lower`])).toBeCloseTo(e - 1.959964 * se, 5);
        expect(Number(out[`${name} 95% upper`])).toBeCloseTo(e + 1.959964 * se, 5);
      }
    }
    expect(weights).toBeCloseTo(1, 10);
    // ∂ℓ/∂θ sums over n = 400 points: below 1e-6 per point at the polished fixed point
    expect(Number(out['max |score| at the MLE'])).toBeLessThan(400e-6);
    // before convergence there is nothing to report, and it says so
    const early = await runWidgetEntry('em-gmm', entries['em-gmm'], { seed: 1, steps: 3, rawParams: {}, backend: 'wasm', root });
    expect(String(early.summary.standardErrors)).toMatch(/once EM has converged/);
    expect(early.summary).not.toHaveProperty(['π1 SE']);
  }, 120_000);
});
