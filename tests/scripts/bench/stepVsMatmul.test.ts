import { beforeAll, describe, expect, it } from 'vitest';
import { convRunner, unetForwardConvShapes } from '../../../scripts/bench/convShapes';
import { matmulRunner, pairRunner } from '../../../scripts/bench/stepVsMatmul';
import { useBackend } from '../../support/tf';

describe('pairRunner, matmulRunner and convRunner', () => {
  let tf: Awaited<ReturnType<typeof useBackend>>;
  beforeAll(async () => {
    tf = await useBackend('wasm');
  }, 60_000);

  it('runs the op on every pair, renews the right operands with the same values, and frees all it owns', async () => {
    const start = tf.memory().numTensors;
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3], [4]]);
    const c = tf.tensor2d([[5]]);
    const d = tf.tensor2d([[6]]);
    const seen: number[][] = [];
    const runner = pairRunner([[a, b], [c, d]], (x, y) => {
      const out = tf.matMul(x, y);
      seen.push(Array.from(out.dataSync()));
      return out;
    });
    await runner.run();
    expect(seen).toEqual([[11], [30]]);
    runner.renew();
    expect(b.isDisposed && d.isDisposed).toBe(true); // replaced by fresh copies
    expect(a.isDisposed || c.isDisposed).toBe(false); // left operands are kept
    await runner.run();
    expect(seen.slice(2)).toEqual([[11], [30]]);
    expect(tf.memory().numTensors).toBe(start + 4);
    runner.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it.each([
    ['matmulRunner', () => matmulRunner([[4, 3, 2], [2, 5, 1]])],
    ['convRunner', () => convRunner(unetForwardConvShapes(2, 8, 28))],
  ])('%s runs, renews and disposes without leaking tensors', async (_name, make) => {
    const start = tf.memory().numTensors;
    const runner = make();
    await runner.run();
    runner.renew();
    await runner.run();
    runner.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
