/**
 * Drawing primitives in CSS-pixel coordinates. A plot builds a list of these once; the canvas
 * renderer draws them on screen and the SVG renderer writes them as vector elements, so the
 * exported figure is the figure on screen.
 */
export interface Theme {
  fg: string;
  muted: string;
  border: string;
  bg: string;
  font: string;
}

export const DEFAULT_THEME: Theme = {
  fg: '#1a1a1a',
  muted: '#5f6368',
  border: '#d0d4da',
  bg: '#ffffff',
  font: 'system-ui, sans-serif',
};

export type Primitive =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; strokeWidth?: number }
  | {
      kind: 'circles';
      /** Flat [x0, y0, x1, y1, …]. */
      centers: Float32Array;
      r: number;
      /** One colour, or one per circle. */
      fill: string | readonly string[];
      /** Per-circle colours as [n, 3] bytes; when present they take precedence over `fill`. */
      rgb?: Uint8ClampedArray;
      alpha: number;
    }
  | { kind: 'circle'; x: number; y: number; r: number; fill?: string; stroke?: string; strokeWidth?: number }
  | {
      kind: 'ellipse';
      cx: number;
      cy: number;
      rx: number;
      ry: number;
      /** Radians, clockwise on screen. */
      angle: number;
      stroke: string;
      strokeWidth: number;
      fillAlpha?: number;
      dashed?: boolean;
    }
  | {
      kind: 'polyline';
      /** Flat [x0, y0, x1, y1, …]. */
      points: readonly number[] | Float32Array;
      stroke: string;
      strokeWidth: number;
      alpha?: number;
      dashed?: boolean;
      closed?: boolean;
    }
  | {
      kind: 'segments';
      /** Flat [x1, y1, x2, y2, …]. */
      coords: readonly number[] | Float32Array;
      stroke: string;
      strokeWidth: number;
      alpha?: number;
    }
  | { kind: 'polygon'; points: readonly number[]; fill: string; alpha?: number }
  | {
      kind: 'image';
      x: number;
      y: number;
      w: number;
      h: number;
      /** [ih, iw, 4] bytes. */
      rgba: Uint8ClampedArray;
      iw: number;
      ih: number;
      alpha?: number;
      /** Nearest-neighbour scaling (digit pixels) instead of smooth (heatmaps). */
      pixelated?: boolean;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      fill: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      baseline: 'top' | 'middle' | 'bottom';
      /** Degrees, about (x, y). */
      rotate?: number;
    }
  | { kind: 'clip'; x: number; y: number; w: number; h: number }
  | { kind: 'unclip' };

export interface Scene {
  width: number;
  height: number;
  background?: string;
  primitives: Primitive[];
}
