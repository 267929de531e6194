import { describe, expect, it } from 'vitest';
import { epochRows, klBars, type HvaeSnapshotView } from '../../../src/widgets/hvae-layers/logic';

describe('hvae-layers logic', () => {
  it('draws one bar per latent dimension, z₁ then z₂, coloured by the 0.01 active-unit threshold', () => {
    const s = { test: { kl1PerDim: Float64Array.of(3, 0.001), kl2PerDim: Float64Array.of(0.5), meanVar1: Float64Array.of(0.5, 0.005), meanVar2: Float64Array.of(0.02) } } as unknown as HvaeSnapshotView;
    const bars = klBars(s, 'on', 'off');
    expect(bars.map((b) => b.label)).toEqual(['z₁.1', 'z₁.2', 'z₂.1']);
    expect(bars.map((b) => b.color)).toEqual(['on', 'off', 'on']);
    expect(bars.map((b) => b.value)).toEqual([3, 0.001, 0.5]);
  });

  it('turns epoch records into chart points keyed by epoch', () => {
    const rows = epochRows([{ epoch: 2, trainElbo: -120, testElbo: -118, testKl1: 20, testKl2: 4, active1: 18, active2: 3 }]);
    expect(rows).toEqual([{ step: 2, metrics: { testElbo: -118, testKl1: 20, testKl2: 4, active1: 18, active2: 3 } }]);
  });
});
