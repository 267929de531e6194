import { describe, expect, it } from 'vitest';
import { formatDocsRate, leadingTopics, raceHistory } from '../../../src/widgets/lda-topics/logic';

describe('lda-topics logic', () => {
  it('turns the score traces into a chart history with x = documents seen, dropping non-finite values', () => {
    const h = raceHistory([0, 256, 512], [Float64Array.from([-7.6, -7.4, -7.3]), Float64Array.from([-7.6, NaN, -7.1])]);
    expect(h.map((p) => p.step)).toEqual([0, 256, 512]);
    expect(h[1].metrics).toEqual({ run0: -7.4 });
    expect(h[2].metrics).toEqual({ run0: -7.3, run1: -7.1 });
  });
  it('orders a passage\'s topics by weight above a floor, and formats the rate', () => {
    expect(leadingTopics([0.1, 0.5, 0.02, 0.38], 0.05)).toEqual([1, 3, 0]);
    expect(formatDocsRate(2345.6)).toBe('2,346 docs/s');
    expect(formatDocsRate(undefined)).toBe('– docs/s');
    expect(formatDocsRate(NaN)).toBe('– docs/s');
  });
});
