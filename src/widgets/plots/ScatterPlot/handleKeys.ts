/**
 * Keyboard moves for draggable handles (the pointer is not the only way): arrow keys move the
 * active handle by 1% of the axis range, 10% with Shift; 'h' picks the next handle.
 */
import type { DataPoint, Handle } from './types';

export type HandleKeyResult = { kind: 'move'; index: number; to: DataPoint } | { kind: 'select'; index: number } | null;

export function handleKey(
  key: string,
  shift: boolean,
  handles: readonly Handle[],
  active: number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): HandleKeyResult {
  if (handles.length === 0) return null;
  const index = Math.min(Math.max(0, active), handles.length - 1);
  if (key === 'h' || key === 'H') return { kind: 'select', index: (index + 1) % handles.length };
  const fraction = shift ? 0.1 : 0.01;
  const dx = (xDomain[1] - xDomain[0]) * fraction;
  const dy = (yDomain[1] - yDomain[0]) * fraction;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-dx, 0],
    ArrowRight: [dx, 0],
    ArrowUp: [0, dy],
    ArrowDown: [0, -dy],
  };
  const move = moves[key];
  if (!move) return null;
  const h = handles[index];
  const clamp = (v: number, d: readonly [number, number]) => Math.min(Math.max(v, Math.min(d[0], d[1])), Math.max(d[0], d[1]));
  return { kind: 'move', index, to: { x: clamp(h.x + move[0], xDomain), y: clamp(h.y + move[1], yDomain) } };
}
