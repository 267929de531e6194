import { describe, expect, it } from 'vitest';
import { kernelTimes, threadLossRows } from '../../../scripts/bench/threadLoss';
import { maxRelativeGap } from '../../../scripts/bench/threads';

describe('maxRelativeGap', () => {
  it('is 0 for identical trajectories and the largest relative gap otherwise', () => {
    expect(maxRelativeGap('-540.5,-300.25', '-540.5,-300.25')).toBe(0);
    expect(maxRelativeGap('-200,-100', '-200,-101')).toBeCloseTo(0.01, 12);
    expect(maxRelativeGap('0.5', '0.25')).toBeCloseTo(0.25, 12); // |a| < 1: absolute gap
  });
  it('is infinite when the lengths differ, a run is empty or a value is not finite', () => {
    expect(maxRelativeGap('1,2', '1')).toBe(Number.POSITIVE_INFINITY);
    expect(maxRelativeGap('', '')).toBe(Number.POSITIVE_INFINITY);
    expect(maxRelativeGap('1,NaN', '1,2')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('threadLossRows', () => {
  const profile = (step: number, kernels: Record<string, number>) => ({
    profiled_step_ms: step,
    kernel_ms_total: Object.values(kernels).reduce((a, b) => a + b, 0),
    ...Object.fromEntries(Object.entries(kernels).flatMap(([k, ms]) => [[`kernel_${k}_ms`, ms], [`kernel_${k}_calls`, 1]])),
  });

  it('splits each step into products, other kernels and time outside kernels, with the Amdahl bound', () => {
    // single: 12 ms of products, 5 of other kernels, 3 outside; threaded: products halved, Sqrt not
    const single = profile(20, { _FusedMatMul: 8, BatchMatMul: 4, Sqrt: 3, Multiply: 2 });
    const threaded = profile(15, { _FusedMatMul: 4, BatchMatMul: 2, Sqrt: 3, Multiply: 1 });
    const r = threadLossRows(single, threaded, 2);
    expect(r.profile_single_matmul_ms).toBe(12);
    expect(r.profile_threaded_matmul_ms).toBe(6);
    expect(r.matmul_speedup).toBe(2);
    expect(r.profile_single_other_kernels_ms).toBe(5);
    expect(r.other_kernels_speedup).toBeCloseTo(5 / 4, 12);
    expect(r.profile_single_outside_kernels_ms).toBe(3);
    expect(r.profile_threaded_outside_kernels_ms).toBe(5);
    expect(r.profiled_speedup).toBeCloseTo(20 / 15, 12);
    // 20 / (12/2 + 5 + 3) = 20/14
    expect(r.speedup_bound_matmul_only).toBeCloseTo(20 / 14, 12);
    expect(r.threaded_step_share_matmul).toBeCloseTo(6 / 15, 12);
    expect(r.threaded_slowest_other_kernels_ms).toBe('Sqrt 3.00→3.00, Multiply 2.00→1.00');
  });

  it('reads kernel times from kernel_<name>_ms rows only (not the total, not call counts)', () => {
    const times = kernelTimes({ kernel_ms_total: 9, kernel_Add_ms: 1.5, kernel_Add_calls: 3, profiled_step_ms: 10, kernel_Odd_ms: 'x' });
    expect([...times.entries()]).toEqual([['Add', 1.5]]);
  });
});
