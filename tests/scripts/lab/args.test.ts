import { describe, expect, it } from 'vitest';
import { parseLabArgs } from '../../../scripts/lab/args';

describe('parseLabArgs', () => {
  it('separates the demo id, reserved options and demo settings', () => {
    const o = parseLabArgs(['ddm', '--dataset', 'moons', '--steps=200', '--seed', '7', '--json', '--lr', '1e-3']);
    expect(o.demo).toBe('ddm');
    expect(o.steps).toBe(200);
    expect(o.seed).toBe(7);
    expect(o.json).toBe(true);
    expect(o.params).toEqual({ dataset: 'moons', lr: '1e-3' });
  });

  it('treats a bare flag as true and keeps --json from swallowing the next option', () => {
    const o = parseLabArgs(['em-gmm', '--json', '--guard', '--k', '4']);
    expect(o.json).toBe(true);
    expect(o.params).toEqual({ guard: 'true', k: '4' });
  });

  it('rejects malformed reserved options with a message', () => {
    expect(() => parseLabArgs(['x', '--steps', '-3'])).toThrow(/non-negative integer/);
    expect(() => parseLabArgs(['x', '--backend', 'webgl'])).toThrow(/wasm or cpu/);
    expect(() => parseLabArgs(['x', 'y'])).toThrow(/only one demo/);
  });
});
