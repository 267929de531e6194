/**
 * Chapter 10's stored numbers (src/core/lda/chapterNumbers.json, written by scripts/ldaNumbers.ts):
 * the α̂ study's first row is recomputed here from the same seed and must match exactly, and the
 * claims the prose makes about the stored numbers are checked.
 */
import { describe, expect, it } from 'vitest';
import { chapter10Computed, chapter10Numbers, minutesFor } from '../../../src/core/lda/chapterNumbers';
import { ALPHA_STUDY, alphaBias } from '../../../src/core/lda/numbersRun';

const c = chapter10Numbers();

describe("chapter 10's numbers", () => {
  it('the α̂ study is what the code computes (first document length, recomputed)', () => {
    expect(c.alphaStudy.lengths).toEqual(ALPHA_STUDY.lengths);
    expect(c.alphaStudy.iterations).toBe(ALPHA_STUDY.iterations);
    const [row] = alphaBias([ALPHA_STUDY.lengths[0]], ALPHA_STUDY);
    expect(row).toEqual(c.alphaStudy.rows[0]);
  }, 300_000);

  it('what the prose says about α̂: below 0.2 but within 0.02 with β known, within 0.02 from the true topics, far below from a random start at 80 and 320 words, at a lower bound', () => {
    for (const r of c.alphaStudy.rows) {
      expect(Math.abs(r.alphaHatKnownBeta - 0.2)).toBeLessThan(0.02);
      expect(r.alphaHatKnownBeta).toBeLessThan(0.2);
      expect(Math.abs(r.alphaHatTruthStart - 0.2)).toBeLessThan(0.02);
    }
    for (const r of c.alphaStudy.rows.slice(1)) {
      expect(r.alphaHat).toBeLessThan(0.15);
      expect(r.boundTruthStart - r.bound).toBeGreaterThan(100);
    }
  });

  it('the race: online EM and SVI are ahead of batch EM after each of the three passes, batch EM improves with passes, and the grid orders as the prose says', () => {
    for (let p = 0; p < 3; p++) {
      expect(c.onlineEm.heldOut[p]).toBeGreaterThan(c.batchEm.heldOut[p]);
      expect(c.svi.heldOut[p]).toBeGreaterThan(c.batchEm.heldOut[p]);
    }
    const g = c.grid;
    // τ₀ = 1 worst, τ₀ = 64 best of the three; κ within 0.02 nats at τ₀ = 64; smaller B worse
    expect(g.tau01).toBeLessThan(Math.min(g.tau064, g.tau01024));
    expect(g.tau064).toBeGreaterThan(g.tau01024);
    expect(Math.max(g['kappa0.55'], g['kappa0.75'], g.kappa1) - Math.min(g['kappa0.55'], g['kappa0.75'], g.kappa1)).toBeLessThan(0.02);
    expect(g.batch16).toBeLessThan(g.batch64);
    expect(g.batch64).toBeLessThan(g.batch256);
    expect(c.batchEm.heldOut[c.batchEm.heldOut.length - 1]).toBeGreaterThan(c.batchEm.heldOut[2]);
    expect(c.onlineEm.heldOut).toHaveLength(3);
    expect(c.svi.topics?.[0]).toHaveLength(6);
  });

  it('the rates and the cost of a million documents are consistent, and every quoted number renders', () => {
    for (const r of [c.svi.docsPerSecond, c.onlineEm.docsPerSecond, c.batchEm.docsPerSecond, c.stream.docsPerSecond]) expect(r).toBeGreaterThan(0);
    expect(minutesFor(1e6, 1, 1000)).toBeCloseTo(1e3 / 60, 12);
    expect(Number(chapter10Computed['ch10-million3-minutes']())).toBeCloseTo(3 * Number(chapter10Computed['ch10-million-minutes']()), -1);
    for (const [name, f] of Object.entries(chapter10Computed)) expect(f(), name).toMatch(/\S/);
    for (const [name, f] of Object.entries(chapter10Computed)) expect(f(), name).not.toMatch(/NaN|undefined/);
  });
});
