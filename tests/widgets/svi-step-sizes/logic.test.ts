import { describe, expect, it } from 'vitest';
import { pathDomain } from '../../../src/widgets/svi-step-sizes/logic';

describe('svi-step-sizes widget logic', () => {
  it('the domain contains every run, the optimum and the path', () => {
    const p = (mu: number, tau: number) => ({ mu, tau });
    const d = pathDomain({ optimum: p(1, 2), init: p(-3, 0.5), main: p(0.9, 2.1), slow: p(1.2, 1.8), fast: p(-2, 1), path: Float64Array.from([-2.5, 0.7, 4, 3]), step: 10 });
    expect(d.x[0]).toBeLessThan(-3);
    expect(d.x[1]).toBeGreaterThan(4);
    expect(d.y[0]).toBeLessThan(0.5);
    expect(d.y[1]).toBeGreaterThan(3);
  });
});
