/** Shared figures for widgets. Inside a <WidgetFrame> they follow its presenting/visible flags and register for export. */
export { ScatterPlot } from './ScatterPlot';
export type {
  ScatterPlotProps,
  PointLayer,
  EllipseLayer,
  GridLayer,
  PathLayer,
  ArrowLayer,
  Handle,
  DataPoint,
} from './ScatterPlot/types';
export { MetricChart, type MetricChartProps, type MetricSeries, type MetricReference } from './MetricChart';
export { ImageGrid, type ImageGridProps } from './ImageGrid';
export { BarChart, type BarChartProps, type Bar } from './BarChart';
export * as palette from './palette';
export { OKABE_ITO, CATEGORY_COLORS, categoryColor, colormap, type ColormapName } from './palette';
export { marchingSquares } from './ScatterPlot/contours';
export { splitXY } from './columns';
// Building blocks for a widget's own canvas figure that should export like the shared plots.
export type { Scene, Primitive, Theme } from './primitives';
export { drawScene } from './canvasRender';
export { sceneToSvg } from './svgRender';
export { prepareCanvas } from './canvasSetup';
export { useTheme, readTheme } from './theme';
export { linearScale, niceTicks, formatTick } from './scale';
export { pngDataUrl } from './png';
