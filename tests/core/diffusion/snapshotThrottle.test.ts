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
});
