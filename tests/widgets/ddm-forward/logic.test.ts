import { describe, expect, it } from 'vitest';
import { makeSchedule, snr } from '../../../src/core/diffusion/schedule';
import { noisedAt, snrHistory } from '../../../src/widgets/ddm-forward/logic';

describe('ddm-forward helpers', () => {
  it('applies the closed-form marginal to fixed noise', () => {
    const x = noisedAt([2, -1], [0.5, 1], 0.64);
    expect(x[0]).toBeCloseTo(0.8 * 2 + 0.6 * 0.5, 6);
    expect(x[1]).toBeCloseTo(-0.8 + 0.6, 6);
    expect(Array.from(noisedAt([3], [0.2], 1))).toEqual([3]);
  });

  it('gives log SNR of both schedules at every t', () => {
    const h = snrHistory(50);
    expect(h.length).toBe(50);
    expect(h[9].step).toBe(10);
    expect(h[9].metrics.cosine).toBeCloseTo(Math.log(snr(makeSchedule('cosine', 50), 10)), 5);
    expect(h[49].metrics.linear).toBeLessThan(h[0].metrics.linear);
  });
});
