import { describe, expect, it } from 'vitest';
import { SnapshotThrottle } from '../../../src/core/diffusion/snapshotThrottle';

describe('SnapshotThrottle', () => {
  it('recomputes when idle, reuses while training until 4× the cost has passed', async () => {
    let clock = 0;
    const th = new SnapshotThrottle<number>(() => clock);
    let calls = 0;
    const compute = async () => {
      calls += 1;
      clock += 10; // each snapshot costs 10 ms
      return calls;
    };
    expect(await th.get(0, compute)).toBe(1);
    expect(await th.get(0, compute)).toBe(2); // no step since: fresh samples on request
    clock += 5;
    expect(await th.get(3, compute)).toBe(2); // training, 5 ms < 40 ms: reuse
    clock += 40;
    expect(await th.get(9, compute)).toBe(3);
    expect(await th.get(10, compute, true)).toBe(4); // budget spent: the final model is shown
  });

  it('with a spend ratio of 12 reuses until 12× the cost has passed', async () => {
    let clock = 0;
    const th = new SnapshotThrottle<number>(() => clock, 12);
    let calls = 0;
    const compute = async () => {
      calls += 1;
      clock += 10;
      return calls;
    };
    expect(await th.get(0, compute)).toBe(1);
    clock += 100;
    expect(await th.get(5, compute)).toBe(1); // 100 ms < 120 ms: reuse
    clock += 20;
    expect(await th.get(9, compute)).toBe(2);
  });
});
