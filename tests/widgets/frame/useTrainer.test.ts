import { describe, expect, it } from 'vitest';
import { pageBackendChoice, valueKey } from '../../../src/widgets/frame/useTrainer';

describe('useTrainer helpers', () => {
  it('reads the backend override from the page URL, ignoring invalid values', () => {
    expect(pageBackendChoice('?backend=webgl')).toBe('webgl');
    expect(pageBackendChoice('?x=1&backend=wasm')).toBe('wasm');
    expect(pageBackendChoice('?backend=quantum')).toBe('auto');
    expect(pageBackendChoice('')).toBe('auto');
  });

  it('valueKey: equal values give equal keys, whatever the key order or array identity', () => {
    const a = { points: new Float64Array([1, 2, 3]), k: 3, opts: { b: true, a: 'x' } };
    const b = { opts: { a: 'x', b: true }, k: 3, points: new Float64Array([1, 2, 3]) };
    expect(valueKey(a)).toBe(valueKey(b));
    expect(valueKey({ ...a, points: new Float64Array([1, 2, 3.0001]) })).not.toBe(valueKey(a));
    expect(valueKey({ ...a, points: new Float32Array([1, 2, 3]) })).not.toBe(valueKey(a));
    expect(valueKey(undefined)).not.toBe(valueKey(null));
    expect(valueKey([1, 2])).not.toBe(valueKey([2, 1]));
  });
});
