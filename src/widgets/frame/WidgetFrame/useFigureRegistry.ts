/**
 * The frame's list of figures that registered for export, in mount order, and their count
 * (so the PNG/SVG buttons are disabled while there is nothing to export).
 */
import { useCallback, useRef, useState } from 'react';
import type { FigureExporter } from '../frameContext';

export function useFigureRegistry() {
  const figures = useRef<FigureExporter[]>([]);
  const [count, setCount] = useState(0);
  const registerFigure = useCallback((exporter: FigureExporter) => {
    figures.current = [...figures.current, exporter];
    setCount(figures.current.length);
    return () => {
      figures.current = figures.current.filter((f) => f !== exporter);
      setCount(figures.current.length);
    };
  }, []);
  return { figures, count, registerFigure };
}
