import { describe, expect, it } from 'vitest';
import { pathDomain } from '../../../src/widgets/svi-step-sizes/logic';

describe('svi-step-sizes widget logic', () => {
  it('the domain contains every run, the optimum and the path', () => {
    const p = (mu: number, tau: number) => ({ mu, tau });
    const d = pathDomain({ optimum: p(1, 2), init: p(-3, 0.5), main: p(0.9, 2.1), slow: p(1.2, 1.8), fast: p(-2, 1), path: Float64Array.from([-2.5, 0.7, 4, 3]), trace: new Float64Array(0), step: 10 });
    expect(d.x[0]).toBeLessThan(-3);
    expect(d.x[1]).toBeGreaterThan(4);
    expect(d.y[0]).toBeLessThan(0.5);
    expect(d.y[1]).toBeGreaterThan(3);
  });
});

describe('svi-step-sizes trace columns', () => {
  it('splits rows of (t, main, slow, fast) and takes log10 of t', async () => {
    const { traceColumns } = await import('../../../src/widgets/svi-step-sizes/logic');
    const c = traceColumns(Float64Array.from([1, -1, -2, -3, 100, -4, -5, -6]));
    expect(c.logT).toEqual([0, 2]);
    expect(c.main).toEqual([-1, -4]);
    expect(c.fast).toEqual([-3, -6]);
  });
});
