/**
 * ImageGrid: grayscale images (MNIST digits, decoder samples) in a grid on a canvas, with
 * optional labels under each, a click handler by index, and PNG/SVG export through the frame.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canvasToBlob } from '../../frame/exportFigure';
import { useFigureExport, useFrame } from '../../frame/frameContext';
import { drawScene } from '../canvasRender';
import { offscreenCanvas, prepareCanvas } from '../canvasSetup';
import type { Primitive, Scene } from '../primitives';
import { sceneToSvg } from '../svgRender';
import { isDarkTheme, useTheme } from '../theme';
import { useElementSize } from '../useElementSize';
import { imageGridLayout, imageIndexAt, imageRowBitmaps } from './layout';

export interface ImageGridProps {
  /** [n, h * w] values in [0, 1]. */
  images: ArrayLike<number>;
  /** Image width and height in pixels (28 for MNIST). */
  width: number;
  height: number;
  /** Number of images; default images.length / (width * height). */
  count?: number;
  cols?: number;
  /** CSS px per image pixel; default: fit the container (at most 8). */
  scale?: number;
  labels?: readonly string[];
  /** Ink dark on a light background; false draws values as brightness. Default: follows the theme. */
  inkDark?: boolean;
  onClick?(index: number): void;
  /** Indices drawn with an accent outline (the selected digit). */
  highlight?: readonly number[];
  ariaLabel?: string;
  presenting?: boolean;
  visible?: boolean;
}

const GAP = 1;

export function ImageGrid(props: ImageGridProps) {
  const frame = useFrame();
  const presenting = props.presenting ?? frame.presenting;
  const visible = props.visible ?? frame.visible;
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width: available } = useElementSize(container);
  const count = props.count ?? Math.floor(props.images.length / (props.width * props.height));
  const fontSize = presenting ? 18 : 11;
  const layout = useMemo(
    () =>
      imageGridLayout({
        count,
        imageWidth: props.width,
        imageHeight: props.height,
        cols: props.cols,
        maxWidth: available,
        scale: props.scale ? props.scale * (presenting ? 1.6 : 1) : undefined,
        gap: GAP,
        labelHeight: props.labels ? fontSize * 1.5 : 0,
      }),
    [count, props.width, props.height, props.cols, available, props.scale, presenting, props.labels, fontSize],
  );

  const theme = useTheme(container, presenting);
  // Default: ink dark on paper in a light theme, light on black (MNIST's own look) in a dark one.
  const inkDark = props.inkDark ?? !isDarkTheme(theme);
  const scene = useCallback(
    (background?: string): Scene => {
      const bitmaps = imageRowBitmaps(props.images, count, props.width, props.height, layout, inkDark, GAP);
      const prims: Primitive[] = [];
      const rowH = (props.height + GAP) * layout.scale + layout.labelHeight;
      bitmaps.forEach((rgba, r) => {
        prims.push({ kind: 'image', x: 0, y: r * rowH, w: layout.width, h: props.height * layout.scale, rgba, iw: layout.bitmapWidth, ih: props.height, pixelated: true });
      });
      for (let index = 0; index < count; index++) {
        const r = Math.floor(index / layout.cols);
        const c = index % layout.cols;
        const x = c * (props.width + GAP) * layout.scale;
        const y = r * rowH;
        if (props.labels?.[index]) {
          prims.push({ kind: 'text', x: x + (props.width * layout.scale) / 2, y: y + props.height * layout.scale + 2, text: props.labels[index], fill: theme.fg, size: fontSize, anchor: 'middle', baseline: 'top' });
        }
        if (props.highlight?.includes(index)) {
          prims.push({ kind: 'rect', x: x + 1, y: y + 1, w: props.width * layout.scale - 2, h: props.height * layout.scale - 2, stroke: '#E69F00', strokeWidth: presenting ? 4 : 2 });
        }
      }
      return { width: layout.width, height: layout.height, background, primitives: prims };
    },
    [theme, inkDark, props.images, props.width, props.height, props.labels, props.highlight, count, layout, fontSize, presenting],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !visible || layout.width <= 0) return;
    const ctx = prepareCanvas(canvas, layout.width, layout.height);
    if (ctx) drawScene(ctx, scene(), theme.font);
  }, [scene, visible, layout, theme]);

  useFigureExport({
    size: () => ({ width: layout.width, height: layout.height }),
    toSvg: () => sceneToSvg(scene(theme.bg), theme.font),
    toPng: () => {
      const { canvas, ctx } = offscreenCanvas(layout.width, layout.height);
      if (ctx) drawScene(ctx, scene(theme.bg), theme.font);
      return canvasToBlob(canvas);
    },
  });

  return (
    <div ref={setContainer} className="plot-image-grid" style={{ width: '100%' }}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={props.ariaLabel ?? `${count} images`}
        style={{ display: 'block', cursor: props.onClick ? 'pointer' : 'default', imageRendering: 'pixelated' }}
        onClick={(e) => {
          if (!props.onClick) return;
          const rect = e.currentTarget.getBoundingClientRect();
          const index = imageIndexAt(layout, count, props.width, props.height, e.clientX - rect.left, e.clientY - rect.top, GAP);
          if (index >= 0) props.onClick(index);
        }}
      />
    </div>
  );
}
