import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { exactPosterior, sampleRandomEffects } from '../../../src/core/vi/elbo/gaussianRandomEffects';
import { elboSplit, readerQ, stackedBar } from '../../../src/widgets/elbo-split/logic';

describe('elbo-split logic', () => {
  const x = sampleRandomEffects(30, { mu: 0, tau2: 1 }, 1, createRng(1));
  const theta = { mu: 0.2, tau2: 0.8 };

  it("the reader's q with zero shift and the posterior sd is the posterior (KL 0, ELBO = log p)", () => {
    const post = exactPosterior(x, theta, 1);
    const q = readerQ(x, theta, 1, 0, Math.sqrt(post.v[0]));
    const s = elboSplit(x, q, theta, 1);
    expect(s.kl).toBeLessThan(1e-12);
    expect(s.elbo).toBeCloseTo(s.logLik, 10);
  });

  it('any shift or sd keeps ELBO + KL = log p and makes the KL grow with the shift', () => {
    const a = elboSplit(x, readerQ(x, theta, 1, 0.5, 0.4), theta, 1);
    const b = elboSplit(x, readerQ(x, theta, 1, 1.5, 0.4), theta, 1);
    expect(a.elbo + a.kl).toBeCloseTo(a.logLik, 9);
    expect(b.elbo + b.kl).toBeCloseTo(b.logLik, 9);
    expect(b.kl).toBeGreaterThan(a.kl);
  });

  it('stacked bar: KL segment proportional to KL, clipped beyond the range', () => {
    const g = stackedBar({ logLik: -50, elbo: -55, kl: 5 }, 20, 220, 10);
    expect(g.split - g.top).toBeCloseTo((5 * 200) / 20, 12);
    expect(g.clipped).toBe(false);
    const c = stackedBar({ logLik: -50, elbo: -90, kl: 40 }, 20, 220, 10);
    expect(c.split).toBe(c.bottom);
    expect(c.clipped).toBe(true);
  });
});
