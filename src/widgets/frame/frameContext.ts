/**
 * What a plot inside <WidgetFrame> learns from its frame: whether it is on screen, whether the
 * widget is presenting (thicker lines, bigger type), whether to avoid motion, and where to
 * register itself for PNG/SVG export. Outside a frame a plot gets the defaults.
 */
import { createContext, useContext, useEffect, useRef } from 'react';

export interface FigureExporter {
  /** A standalone SVG document (vector primitives; images as embedded PNG data URLs). */
  toSvg(): string | Promise<string>;
  /** A PNG of what is on screen, at device resolution. */
  toPng(): Promise<Blob>;
  /** CSS-pixel size, used to stack several figures into one export. */
  size(): { width: number; height: number };
}

export interface FrameContextValue {
  visible: boolean;
  presenting: boolean;
  reducedMotion: boolean;
  registerFigure(exporter: FigureExporter): () => void;
}

export const FrameContext = createContext<FrameContextValue>({
  visible: true,
  presenting: false,
  reducedMotion: false,
  registerFigure: () => () => {},
});

export function useFrame(): FrameContextValue {
  return useContext(FrameContext);
}

/**
 * Registers a plot's exporter with the enclosing frame for as long as the plot is mounted.
 * The exporter object may change every render; the frame always calls the latest one.
 */
export function useFigureExport(exporter: FigureExporter): void {
  const { registerFigure } = useFrame();
  const latest = useRef(exporter);
  useEffect(() => {
    latest.current = exporter;
  });
  useEffect(
    () =>
      registerFigure({
        toSvg: () => latest.current.toSvg(),
        toPng: () => latest.current.toPng(),
        size: () => latest.current.size(),
      }),
    [registerFigure],
  );
}
