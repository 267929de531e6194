/**
 * A point set the reader draws on a 2-D plot and uses instead of a toy dataset (EM in chapter 2,
 * the diffusion model in chapter 8): the drawing area, its buttons, and the points once used.
 */
import { useMemo, useState, type ReactElement } from 'react';
import { OKABE_ITO, ScatterPlot, splitXY, type DataPoint } from '../../plots';
import { DrawPointsControls } from './DrawPointsControls';

export interface DrawnPoints {
  /** The drawing area while the reader draws (show it instead of the figure), else null. */
  area: ReactElement | null;
  /** The points in use, row-major [n*2]; undefined while the toy dataset is used. */
  input: Float64Array | undefined;
  /** The buttons, for the frame's extraControls. */
  controls: ReactElement;
}

export function useDrawnPoints(opts: {
  domain: readonly [number, number];
  /** Label of the button that uses the points, e.g. "Fit EM to these points". */
  useLabel: string;
  /** Drawing starts (e.g. pause training). */
  onStart(): void;
  /** The drawn points are now in use. */
  onUse?(): void;
  /** Back to the toy dataset. */
  onClear?(): void;
}): DrawnPoints {
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<DataPoint[]>([]);
  const [input, setInput] = useState<Float64Array | undefined>(undefined);
  const [lo, hi] = opts.domain;

  const area = useMemo(() => {
    if (!drawing) return null;
    const xy = splitXY(drawn.flatMap((p) => [p.x, p.y]));
    return (
      <ScatterPlot
        xDomain={[lo, hi]}
        yDomain={[lo, hi]}
        equalAspect
        drawMode
        onDrawPoint={(p) => setDrawn((d) => [...d, p])}
        points={{ x: xy.x, y: xy.y, color: OKABE_ITO.blue, size: 3 }}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel="Drawing area: press and drag to add points"
      />
    );
  }, [drawing, drawn, lo, hi]);

  const controls = (
    <DrawPointsControls
      useLabel={opts.useLabel}
      drawing={drawing}
      count={drawn.length}
      usingDrawn={input !== undefined}
      onStart={() => {
        setDrawing(true);
        opts.onStart();
      }}
      onFit={() => {
        setInput(Float64Array.from(drawn.flatMap((p) => [p.x, p.y])));
        setDrawing(false);
        opts.onUse?.();
      }}
      onClear={() => {
        setDrawn([]);
        setInput(undefined);
        setDrawing(false);
        opts.onClear?.();
      }}
    />
  );
  return { area, input, controls };
}
