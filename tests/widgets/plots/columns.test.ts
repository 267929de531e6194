import { describe, expect, it } from 'vitest';
import { splitXY } from '../../../src/widgets/plots/columns';

describe('splitXY', () => {
  it('splits row-major points into x and y columns, ignoring a dangling coordinate', () => {
    const { x, y } = splitXY([1, 2, 3, 4, 5]);
    expect(Array.from(x)).toEqual([1, 3]);
    expect(Array.from(y)).toEqual([2, 4]);
  });
});
