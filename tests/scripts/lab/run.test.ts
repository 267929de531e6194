import { describe, expect, it } from 'vitest';
import { defineDemo } from '../../../src/core/demo';
import { runDemo } from '../../../scripts/lab/run';

// A plain demo with a known answer: gradient descent on f(x) = (x - target)^2 / 2.
const quadratic = defineDemo({
  id: 'quadratic',
  title: 'Gradient descent on a quadratic',
  usesTf: false,
  defaultSteps: 200,
  params: {
    target: { kind: 'number', label: 'target', min: -10, max: 10, default: 3 },
    lr: { kind: 'number', label: 'learning rate', min: 0, max: 5, default: 0.1 },
  },
  async create({ params }) {
    let x = 0;
    return {
      step: () => {
        x -= params.lr * (x - params.target);
        return { loss: 0.5 * (x - params.target) ** 2 };
      },
      snapshot: () => x,
      checkpoint: () => x,
      restore: (c) => {
        x = c as number;
      },
      isDone: () => Math.abs(x - params.target) < 1e-9,
      dispose: () => {},
    };
  },
  async summarize(session) {
    return { x: (await session.snapshot()) as number };
  },
});

describe('runDemo', () => {
  it('steps a demo to convergence and summarizes it', async () => {
    const r = await runDemo(quadratic, { seed: 1, steps: null, rawParams: { target: '2', lr: '0.5' }, backend: 'none', root: '.' });
    expect(r.summary.x).toBeCloseTo(2, 8);
    expect(r.steps).toBeLessThan(200);
    expect(r.notices).toEqual([]);
  });

  it('clamps out-of-range settings with a notice, as the URL does', async () => {
    const r = await runDemo(quadratic, { seed: 1, steps: 5, rawParams: { target: '99' }, backend: 'none', root: '.' });
    expect(r.params.target).toBe(10);
    expect(r.notices[0].reason).toMatch(/clamped to 10/);
  });

  it('stops with a clear message when the metrics diverge', async () => {
    await expect(
      runDemo(quadratic, { seed: 1, steps: 2000, rawParams: { lr: '4.5' }, backend: 'none', root: '.' }),
    ).rejects.toThrow(/Diverged at step \d+: loss/);
  });
});
