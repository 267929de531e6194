import { describe, expect, it } from 'vitest';
import { epochHistory, formatEta, pairRows } from '../../../src/widgets/vae-train/logic';

describe('vae-train logic', () => {
  it('turns epoch records into chart history with x = epoch', () => {
    const h = epochHistory([
      { epoch: 1, trainElbo: -150, testElbo: -140, testRecon: -120, testKl: 20 },
      { epoch: 2, trainElbo: -130, testElbo: -128, testRecon: -105, testKl: 23 },
    ]);
    expect(h.map((p) => p.step)).toEqual([1, 2]);
    expect(h[1].metrics.testKl).toBe(23);
  });

  it('stacks originals above reconstructions', () => {
    const out = pairRows(Float32Array.of(1, 2), Float32Array.of(3, 4));
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
  });

  it('formats an ETA in seconds or minutes, and a dash when unknown', () => {
    expect(formatEta(12.4)).toBe('12 s');
    expect(formatEta(185)).toBe('3 min 5 s');
    expect(formatEta(NaN)).toBe('—');
  });
});
