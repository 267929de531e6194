import { describe, expect, it } from 'vitest';
import { errorCell, fastestBackend, fastestBackendRows } from '../../../scripts/bench/browserJobs';
import { gflopsPerSecond, isFlat, matmulShare, percentile, slopePerHour } from '../../../scripts/bench/stats';

describe('percentile (nearest rank)', () => {
  it('matches hand-computed ranks on unsorted values', () => {
    const v = [15, 20, 35, 40, 50].reverse();
    expect(percentile(v, 0.05)).toBe(15);
    expect(percentile(v, 0.3)).toBe(20);
    expect(percentile(v, 0.4)).toBe(20);
    expect(percentile(v, 0.5)).toBe(35);
    expect(percentile(v, 1)).toBe(50);
    expect(percentile(v, 0)).toBe(15);
    expect(v).toEqual([50, 40, 35, 20, 15]); // input untouched
  });

  it('gives the value below which 95% of frames fall', () => {
    const frames = Array.from({ length: 100 }, (_, i) => (i < 95 ? 16 : 50));
    expect(percentile(frames, 0.95)).toBe(16);
    expect(percentile(frames, 0.96)).toBe(50);
  });

  it('rejects empty input and p outside [0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow();
    expect(() => percentile([1], 1.5)).toThrow();
    expect(() => percentile([1], NaN)).toThrow();
  });
});

describe('matmulShare and GFLOP/s', () => {
  it('is the ratio of FLOP rates, i.e. of times', () => {
    const flops = 4e8;
    const [stepMs, mmMs] = [20, 11];
    expect(matmulShare(stepMs, mmMs)).toBeCloseTo(gflopsPerSecond(flops, stepMs) / gflopsPerSecond(flops, mmMs), 12);
    expect(gflopsPerSecond(4e8, 10)).toBeCloseTo(40, 12);
    expect(() => matmulShare(0, 1)).toThrow();
  });
});

describe('fastestBackend', () => {
  it('picks the backend with the highest step FLOP rate, ignoring auto and failed backends', () => {
    const rows = {
      browser_auto_step_gflop_per_s: 99,
      browser_auto_matmul_share: 0.9,
      browser_wasm_step_gflop_per_s: 20,
      browser_wasm_matmul_share: 0.55,
      browser_webgl_step_gflop_per_s: 2,
      browser_webgl_matmul_share: 0.3,
      browser_cpu_error: 'did not start',
      node_wasm_step_gflop_per_s: 50,
      node_wasm_matmul_share: 0.6,
    };
    expect(fastestBackend(rows)).toEqual({ backend: 'wasm', share: 0.55, gflops: 20 });
    expect(fastestBackend({ browser_cpu_error: 'x' })).toBeNull();
  });
});

describe('fastestBackendRows and errorCell', () => {
  it('report the fastest backend with both of its shares, or that none was measured', () => {
    const rows = { browser_wasm_step_gflop_per_s: 20, browser_wasm_matmul_share: 0.55, browser_wasm_matmul_share_of_minima: 0.57 };
    expect(fastestBackendRows(rows)).toEqual({ fastest_browser_backend: 'wasm', fastest_browser_matmul_share: 0.55, fastest_browser_matmul_share_of_minima: 0.57 });
    expect(fastestBackendRows({})).toEqual({ fastest_browser_backend: 'none measured' });
  });
  it('keep the first line of an error', () => {
    expect(errorCell(new Error('webgl failed\n  at frame 1'))).toBe('webgl failed');
    expect(errorCell('plain')).toBe('plain');
  });
});

describe('slopePerHour and isFlat (the soak verdict)', () => {
  it('recovers a known slope per hour from samples in minutes, intercept and noise-free', () => {
    const minutes = [0, 1, 2, 3, 4, 5];
    expect(slopePerHour(minutes, minutes.map((m) => 7 + 0.5 * m))).toBeCloseTo(30, 12); // 0.5/min = 30/h
    expect(slopePerHour(minutes, minutes.map(() => 42))).toBe(0);
    // symmetric jitter around a flat level has no slope
    expect(slopePerHour([0, 1, 2, 3], [10, 11, 11, 10])).toBeCloseTo(0, 12);
    expect(slopePerHour([5], [1])).toBe(0);
    expect(() => slopePerHour([1, 1], [1, 2])).toThrow(/one time/);
    expect(() => slopePerHour([1, 2], [1])).toThrow(/length/);
  });

  it('a one-tensor-per-step leak is never flat; a level within its floor or 5% is', () => {
    // 10 steps/s leaking one tensor each: 36,000 tensors an hour on a level of ~500
    expect(isFlat(36_000, 500, 10)).toBe(false);
    expect(isFlat(8, 500, 10)).toBe(true); // under the floor
    expect(isFlat(24, 500, 10)).toBe(true); // under 5% of 500
    expect(isFlat(26, 500, 10)).toBe(false);
    expect(isFlat(-50, 500, 10)).toBe(true); // shrinking is not a leak
  });
});
