import { describe, expect, it } from 'vitest';
import { handleKey } from '../../../src/widgets/plots/ScatterPlot/handleKeys';

const handles = [{ x: 0, y: 0 }, { x: 1, y: 1 }];

describe('handleKey', () => {
  it('moves the active handle by 1% of the range, 10% with Shift; up is +y', () => {
    expect(handleKey('ArrowRight', false, handles, 0, [-5, 5], [-2, 2])).toEqual({ kind: 'move', index: 0, to: { x: 0.1, y: 0 } });
    expect(handleKey('ArrowUp', true, handles, 1, [-5, 5], [-2, 2])).toEqual({ kind: 'move', index: 1, to: { x: 1, y: 1.4 } });
    // the other two directions, each away from any edge: left is −x, down is −y
    expect(handleKey('ArrowLeft', false, handles, 1, [-5, 5], [-2, 2])).toEqual({ kind: 'move', index: 1, to: { x: 0.9, y: 1 } });
    expect(handleKey('ArrowDown', true, handles, 0, [-5, 5], [-2, 2])).toEqual({ kind: 'move', index: 0, to: { x: 0, y: -0.4 } });
  });
  it('stops at the edge of the plotted range', () => {
    const r = handleKey('ArrowLeft', true, [{ x: -4.8, y: 0 }], 0, [-5, 5], [-1, 1]);
    expect(r).toEqual({ kind: 'move', index: 0, to: { x: -5, y: 0 } });
  });
  it('h cycles through handles; other keys are not handled', () => {
    expect(handleKey('h', false, handles, 1, [0, 1], [0, 1])).toEqual({ kind: 'select', index: 0 });
    // forward, not backward: with three handles, 0 → 1 → 2 → 0
    const three = [...handles, { x: 2, y: 2 }];
    expect([0, 1, 2].map((a) => (handleKey('h', false, three, a, [0, 1], [0, 1]) as { index: number }).index)).toEqual([1, 2, 0]);
    expect(handleKey('x', false, handles, 0, [0, 1], [0, 1])).toBeNull();
    expect(handleKey('ArrowUp', false, [], 0, [0, 1], [0, 1])).toBeNull();
  });
});
