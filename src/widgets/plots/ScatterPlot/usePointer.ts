/**
 * Pointer handling in data coordinates: drag a handle, collect points in draw mode, or click.
 * Uses pointer capture so a drag continues outside the canvas.
 */
import { useRef, type PointerEvent } from 'react';
import type { ScatterGeometry } from './scene';
import type { DataPoint, ScatterPlotProps } from './types';

const CLICK_SLOP_PX = 4;
const DRAW_SPACING_PX = 6;

export function nearestHandle(
  handles: ScatterPlotProps['handles'],
  geo: ScatterGeometry,
  px: number,
  py: number,
): number {
  let best = -1;
  let bestDist = Infinity;
  (handles ?? []).forEach((h, k) => {
    const d = Math.hypot(geo.sx(h.x) - px, geo.sy(h.y) - py);
    const reach = (h.radius ?? 7) * geo.style.point + 6;
    if (d <= reach && d < bestDist) {
      best = k;
      bestDist = d;
    }
  });
  return best;
}

export function usePointer(props: ScatterPlotProps, geometry: () => ScatterGeometry | null) {
  const gesture = useRef<{ handle: number; drawn: DataPoint[]; startX: number; startY: number; lastX: number; lastY: number } | null>(null);

  const locate = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    const geo = geometry();
    return geo ? { px, py, geo, data: { x: geo.sx.invert(px), y: geo.sy.invert(py) } } : null;
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const at = locate(e);
    if (!at || e.button !== 0) return;
    const handle = props.onDrag ? nearestHandle(props.handles, at.geo, at.px, at.py) : -1;
    gesture.current = { handle, drawn: [], startX: at.px, startY: at.py, lastX: at.px, lastY: at.py };
    if (handle >= 0 || props.drawMode) {
      e.currentTarget.setPointerCapture(e.pointerId);
      e.preventDefault();
    }
    if (handle < 0 && props.drawMode) {
      gesture.current.drawn.push(at.data);
      props.onDrawPoint?.(at.data);
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) return;
    const at = locate(e);
    if (!at) return;
    if (g.handle >= 0) {
      props.onDrag?.(g.handle, at.data);
    } else if (props.drawMode && Math.hypot(at.px - g.lastX, at.py - g.lastY) >= DRAW_SPACING_PX) {
      g.lastX = at.px;
      g.lastY = at.py;
      g.drawn.push(at.data);
      props.onDrawPoint?.(at.data);
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    const at = locate(e);
    if (g.handle >= 0) props.onDragEnd?.(g.handle);
    else if (props.drawMode) props.onDrawEnd?.(g.drawn);
    else if (at && Math.hypot(at.px - g.startX, at.py - g.startY) < CLICK_SLOP_PX) props.onClick?.(at.data);
  };

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: () => void (gesture.current = null) };
}
