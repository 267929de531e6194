import { describe, expect, it } from 'vitest';
import { raceSeries } from '../../../src/widgets/cavi-vs-mcmc/logic';

describe('race series', () => {
  it('pairs each error with its own clock and drops points where the clock stood still', () => {
    const history = [
      { step: 1, metrics: { caviMs: 1, caviError: 0.5, mcmcMs: 1, mcmcError: 1 } },
      { step: 2, metrics: { caviMs: 2, caviError: 1e-16, mcmcMs: 2.1, mcmcError: 0.7 } },
      { step: 3, metrics: { caviMs: 2, caviError: 1e-16, mcmcMs: 3.2, mcmcError: 0.5 } },
    ];
    expect(raceSeries(history, 'cavi')).toEqual([
      { ms: 1, error: 0.5 },
      { ms: 2, error: 1e-16 },
    ]);
    expect(raceSeries(history, 'mcmc').map((p) => p.ms)).toEqual([1, 2.1, 3.2]);
  });
});
