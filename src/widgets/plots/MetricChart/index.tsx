/**
 * MetricChart: named metrics of a training run against step, drawn on a canvas. Live curves
 * are redrawn on every report while a worker trains, so the chart costs what its pixel width
 * costs (long histories are thinned per pixel column), not what React-rendered SVG would.
 * Optional log y axis and reference lines (e.g. the true log-likelihood an ELBO should
 * approach); hovering shows the values at the nearest step; off screen it keeps the last
 * history it drew. PNG and vector SVG export draw the same scene.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { canvasToBlob } from '../../frame/exportFigure';
import { useFigureExport, useFrame } from '../../frame/frameContext';
import type { HistoryPoint } from '../../frame/trainerTypes';
import { plotStyle } from '../axes';
import { drawScene } from '../canvasRender';
import { offscreenCanvas, prepareCanvas } from '../canvasSetup';
import { formatValue } from '../formatValue';
import { sceneToSvg } from '../svgRender';
import { useTheme } from '../theme';
import { useElementSize } from '../useElementSize';
import { chartColumns, nearestIndex } from './chartData';
import { buildChartScene, chartGeometry, type ChartOptions, type ChartReference, type ChartSeries } from './scene';

export type MetricSeries = ChartSeries;
export type MetricReference = ChartReference;

export interface MetricChartProps {
  history: readonly HistoryPoint[];
  series: readonly MetricSeries[];
  logY?: boolean;
  reference?: MetricReference | readonly MetricReference[];
  xLabel?: string;
  yLabel?: string;
  /** CSS px; default 220 (330 when presenting). */
  height?: number;
  yDomain?: readonly [number | 'auto', number | 'auto'];
  ariaLabel?: string;
  /** Shown in the plot area while the history is empty (default "No steps yet"). */
  emptyText?: string;
  presenting?: boolean;
  visible?: boolean;
}

export function MetricChart(props: MetricChartProps) {
  const frame = useFrame();
  const presenting = props.presenting ?? frame.presenting;
  const visible = props.visible ?? frame.visible;
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(container);
  const style = useMemo(() => plotStyle(presenting), [presenting]);
  const height = props.height ? props.height * (presenting ? 1.5 : 1) : presenting ? 330 : 220;
  const theme = useTheme(container, presenting);

  // Off screen: hold the last history drawn (the array changes on every report).
  const shown = useRef(props.history);
  if (visible) shown.current = props.history;
  const history = shown.current;
  const logY = props.logY ?? false;
  const keys = props.series.map((s) => s.key).join('\u0000');
  const columns = useMemo(() => chartColumns(history, keys.split('\u0000'), logY), [history, keys, logY]);
  const reference = props.reference;
  const opts = useMemo<ChartOptions>(
    () => ({
      series: props.series,
      references: reference === undefined ? [] : Array.isArray(reference) ? reference : [reference as MetricReference],
      logY,
      yDomain: props.yDomain,
      xLabel: props.xLabel,
      yLabel: props.yLabel,
      emptyText: props.emptyText,
    }),
    [props.series, reference, logY, props.yDomain, props.xLabel, props.yLabel, props.emptyText],
  );
  const scene = useCallback(
    (background?: string) => ({ ...buildChartScene(columns, opts, width, height, theme, style), background }),
    [columns, opts, width, height, theme, style],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !visible || width <= 0) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (ctx) drawScene(ctx, scene(), theme.font);
  }, [scene, visible, width, height, theme.font]);

  useFigureExport({
    size: () => ({ width, height }),
    toSvg: () => sceneToSvg(scene(theme.bg), theme.font),
    toPng: () => {
      const { canvas, ctx } = offscreenCanvas(width, height);
      if (ctx) drawScene(ctx, scene(theme.bg), theme.font);
      return canvasToBlob(canvas);
    },
  });

  const [hover, setHover] = useState<number | null>(null);
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const geo = chartGeometry(columns, opts, width, height, style);
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setHover(nearestIndex(columns.steps, geo.sx.invert(x)));
  };
  const hoverIndex = hover !== null && hover >= 0 && hover < columns.steps.length ? hover : null;
  const label = props.ariaLabel ?? `Chart of ${props.series.map((s) => s.label ?? s.key).join(', ')} against ${props.xLabel ?? 'step'}`;
  return (
    <div ref={setContainer} className="plot-metric-chart" style={{ width: '100%', minHeight: height, position: 'relative' }}>
      <canvas ref={canvasRef} role="img" aria-label={`${label}. ${latestSummary(columns, props.series)}`} style={{ display: 'block' }} onPointerMove={onPointerMove} onPointerLeave={() => setHover(null)} />
      {hoverIndex !== null ? <HoverReadout columns={columns} series={props.series} index={hoverIndex} theme={theme} /> : null}
    </div>
  );
}

function latestSummary(columns: ReturnType<typeof chartColumns>, series: readonly MetricSeries[]): string {
  const n = columns.steps.length;
  if (n === 0) return 'No data yet.';
  const parts = series.map((s, k) => `${s.label ?? s.key} ${formatValue(columns.values[k][n - 1])}`);
  return `At step ${columns.steps[n - 1]}: ${parts.join(', ')}.`;
}


function HoverReadout(props: { columns: ReturnType<typeof chartColumns>; series: readonly MetricSeries[]; index: number; theme: { bg: string; fg: string; border: string } }) {
  const { columns, series, index, theme } = props;
  return (
    <div
      aria-hidden="true"
      style={{ position: 'absolute', top: 4, right: 20, padding: '0.2em 0.5em', fontSize: '0.8em', background: theme.bg, color: theme.fg, border: `1px solid ${theme.border}`, borderRadius: 4, pointerEvents: 'none' }}
    >
      <div>step {columns.steps[index]}</div>
      {series.map((s, k) => (
        <div key={s.key}>
          {s.label ?? s.key}: {formatValue(columns.values[k][index])}
        </div>
      ))}
    </div>
  );
}
