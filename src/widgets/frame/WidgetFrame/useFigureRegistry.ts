/** The frame's list of figures that registered for export, in mount order. */
import { useCallback, useRef } from 'react';
import type { FigureExporter } from '../frameContext';

export function useFigureRegistry() {
  const figures = useRef<FigureExporter[]>([]);
  const registerFigure = useCallback((exporter: FigureExporter) => {
    figures.current = [...figures.current, exporter];
    return () => {
      figures.current = figures.current.filter((f) => f !== exporter);
    };
  }, []);
  return { figures, registerFigure };
}
