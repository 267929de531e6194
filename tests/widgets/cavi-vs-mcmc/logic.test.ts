import { describe, expect, it } from 'vitest';
import { logDomain, tracePoints } from '../../../src/widgets/cavi-vs-mcmc/logic';

describe('race chart data', () => {
  it('pairs ms with errors and drops non-positive or non-finite points', () => {
    expect(tracePoints([0, 1, 2, 3], [1, 0.5, 0, NaN])).toEqual([{ ms: 1, error: 0.5 }]);
  });
  it('the log domain rounds out to powers of ten and covers every series', () => {
    const d = logDomain([[{ ms: 0.3, error: 2.4e-14 }], [{ ms: 25_000, error: 0.7 }]], 'error');
    expect(d[0]).toBeCloseTo(1e-14, 28);
    expect(d[1]).toBe(1);
    expect(logDomain([[{ ms: 0.3, error: 1 }], [{ ms: 25_000, error: 1 }]], 'ms')).toEqual([0.1, 100_000]);
  });
});
