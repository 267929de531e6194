import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { loadDemo } from '../../../../src/core/registry';
import { defaultParams } from '../../../../src/core/params';

beforeAll(async () => {
  await useBackend('wasm');
});

describe("demo 'amortization-gap'", () => {
  it('does not leak tensors over 1,000 steps with snapshots', async () => {
    const demo = await loadDemo('amortization-gap');
    const session = await demo.create({ params: { ...defaultParams(demo.params), n: 30 }, seed: 1 });
    await session.step();
    await session.snapshot();
    const before = tf.memory().numTensors;
    let m = await session.step();
    for (let t = 0; t < 1000; t++) {
      m = await session.step();
      if (t % 250 === 0) await session.snapshot();
    }
    expect(tf.memory().numTensors).toBe(before);
    // ELBOs are per observation and sit below log p(x).
    expect(m.elboFactorized).toBeLessThanOrEqual(m.logEvidence + 1e-3);
    session.dispose();
  }, 180_000);
});
