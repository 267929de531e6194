/**
 * ScatterPlot: a canvas figure in data coordinates with points, covariance ellipses, grids
 * (heatmap and/or contours), paths, arrows and draggable handles. Crisp on HiDPI screens,
 * follows its container's width, thickens lines when presenting, skips draws off screen, and
 * exports the same scene as PNG or vector SVG through the frame.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFigureExport, useFrame } from '../../frame/frameContext';
import { canvasToBlob } from '../../frame/exportFigure';
import { drawScene } from '../canvasRender';
import { offscreenCanvas, prepareCanvas } from '../canvasSetup';
import { sceneToSvg } from '../svgRender';
import { useTheme } from '../theme';
import { useElementSize } from '../useElementSize';
import { buildScatterScene, scatterGeometry } from './scene';
import type { ScatterPlotProps } from './types';
import { handleKey } from './handleKeys';
import { usePointer } from './usePointer';

export type * from './types';

export function ScatterPlot(props: ScatterPlotProps) {
  const frame = useFrame();
  const presenting = props.presenting ?? frame.presenting;
  const visible = props.visible ?? frame.visible;
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(container);
  const height = useMemo(() => {
    const h = width * (props.aspect ?? 0.75);
    // Presenting: keep the whole figure on screen with room for the controls.
    return Math.round(presenting && typeof window !== 'undefined' ? Math.min(h, window.innerHeight * 0.68) : h);
  }, [width, props.aspect, presenting]);

  const theme = useTheme(container, presenting);
  const scene = useCallback(
    (background?: string) => ({ ...buildScatterScene(props, width, height, theme, presenting), background, theme }),
    [props, width, height, presenting, theme],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !visible || width <= 0 || height <= 0) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    const s = scene();
    drawScene(ctx, s, s.theme.font);
  }, [scene, visible, width, height]);

  useFigureExport({
    size: () => ({ width, height }),
    toSvg: () => {
      const s = scene(theme.bg);
      return sceneToSvg(s, s.theme.font);
    },
    toPng: () => {
      const s = scene(theme.bg);
      const { canvas, ctx } = offscreenCanvas(width, height);
      if (ctx) drawScene(ctx, s, s.theme.font);
      return canvasToBlob(canvas);
    },
  });

  const pointer = usePointer(props, () => (width > 0 ? scatterGeometry(props, width, height, presenting) : null));
  const interactive = Boolean(props.onDrag || props.drawMode);
  const keyboardHandles = Boolean(props.onDrag && props.handles && props.handles.length > 0);
  const [activeHandle, setActiveHandle] = useState(0);
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (!keyboardHandles || e.ctrlKey || e.metaKey || e.altKey) return;
    const result = handleKey(e.key, e.shiftKey, props.handles ?? [], activeHandle, props.xDomain, props.yDomain);
    if (!result) return;
    // Handled here: keep the frame's shortcuts (→ steps training) out of it.
    e.preventDefault();
    e.stopPropagation();
    if (result.kind === 'select') setActiveHandle(result.index);
    else {
      props.onDrag?.(result.index, result.to);
      props.onDragEnd?.(result.index);
    }
  };
  return (
    <div ref={setContainer} className="plot-scatter" style={{ width: '100%' }}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${props.ariaLabel ?? 'Scatter plot'}${keyboardHandles ? '. Arrow keys move the handle (Shift: faster); H picks the next handle.' : ''}`}
        tabIndex={keyboardHandles ? 0 : undefined}
        onKeyDown={onKeyDown}
        style={{
          display: 'block',
          touchAction: interactive ? 'none' : 'auto',
          cursor: props.drawMode ? 'crosshair' : props.onClick || props.onDrag ? 'pointer' : 'default',
        }}
        {...pointer}
      />
    </div>
  );
}
