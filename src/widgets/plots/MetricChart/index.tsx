/**
 * MetricChart: named metrics of a training run against step (recharts). Optional log y axis
 * and reference lines (e.g. the true log-likelihood an ELBO should approach). Off screen it
 * keeps showing the last history it drew instead of re-rendering on every report.
 */
import { useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useFigureExport, useFrame } from '../../frame/frameContext';
import { svgToPng } from '../../frame/exportFigure';
import type { HistoryPoint } from '../../frame/trainerTypes';
import { plotStyle } from '../axes';
import { categoryColor } from '../palette';
import { formatTick, niceTicks } from '../scale';
import { useTheme } from '../theme';
import { useElementSize } from '../useElementSize';
import { chartRows, serializeChartSvg, yAxisTicks } from './chartData';

export interface MetricSeries {
  /** Key in each history point's metrics. */
  key: string;
  label?: string;
  color?: string;
  dashed?: boolean;
}

export interface MetricReference {
  y: number;
  label?: string;
  color?: string;
}

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
  presenting?: boolean;
  visible?: boolean;
}

export function MetricChart(props: MetricChartProps) {
  const frame = useFrame();
  const presenting = props.presenting ?? frame.presenting;
  const visible = props.visible ?? frame.visible;
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(container);
  const style = plotStyle(presenting);
  const height = props.height ? props.height * (presenting ? 1.5 : 1) : presenting ? 330 : 220;

  // Off screen: hold the last history drawn (the array changes on every report).
  const shown = useRef(props.history);
  if (visible) shown.current = props.history;
  const history = shown.current;
  const rows = useMemo(() => chartRows(history, props.series, props.logY ?? false), [history, props.series, props.logY]);
  const theme = useTheme(container, presenting);
  const references = props.reference === undefined ? [] : Array.isArray(props.reference) ? props.reference : [props.reference as MetricReference];

  useFigureExport({
    size: () => ({ width, height }),
    toSvg: () => serializeChartSvg(container, width, height, theme.bg),
    toPng: () => svgToPng(serializeChartSvg(container, width, height, theme.bg), width, height, theme.bg),
  });

  const tick = { fill: theme.muted, fontSize: style.font };
  const firstStep = history[0]?.step ?? 0;
  const lastStep = history[history.length - 1]?.step ?? 1;
  const yAxis = props.yDomain ? null : yAxisTicks(rows, props.series.map((s) => s.key), props.logY ?? false, Math.max(2, Math.round(height / (style.font * 4))));
  const xTicks = niceTicks(firstStep, Math.max(lastStep, firstStep + 1), Math.max(2, Math.round(width / (style.font * 9))));
  return (
    <div ref={setContainer} className="plot-metric-chart" style={{ width: '100%', minHeight: height }} role="figure" aria-label={props.ariaLabel ?? `Chart of ${props.series.map((s) => s.label ?? s.key).join(', ')}`}>
      {width > 0 ? (
        <LineChart width={width} height={height} data={rows} margin={{ top: 8, right: 16, bottom: props.xLabel ? 18 : 4, left: 8 }}>
          <CartesianGrid stroke={theme.border} strokeDasharray="3 3" />
          <XAxis
            dataKey="step"
            type="number"
            domain={['dataMin', 'dataMax']}
            ticks={xTicks}
            tick={tick}
            tickFormatter={formatTick}
            stroke={theme.muted}
            label={props.xLabel ? { value: props.xLabel, position: 'insideBottom', offset: -12, fill: theme.fg, fontSize: style.font } : undefined}
          />
          <YAxis
            scale={props.logY ? 'log' : 'auto'}
            domain={(props.yDomain as [number, number] | undefined) ?? yAxis?.domain ?? ['auto', 'auto']}
            ticks={yAxis?.ticks}
            allowDataOverflow={Boolean(props.logY)}
            tick={tick}
            tickFormatter={formatTick}
            stroke={theme.muted}
            width={style.font * 5}
            label={props.yLabel ? { value: props.yLabel, angle: -90, position: 'insideLeft', fill: theme.fg, fontSize: style.font } : undefined}
          />
          <Tooltip isAnimationActive={false} contentStyle={{ background: theme.bg, borderColor: theme.border, color: theme.fg }} formatter={(v) => (typeof v === 'number' ? formatTick(v) : String(v))} />
          {props.series.length > 1 ? <Legend wrapperStyle={{ fontSize: style.font, color: theme.fg }} /> : null}
          {references.map((r, k) => (
            <ReferenceLine key={k} y={r.y} stroke={r.color ?? theme.muted} strokeDasharray="6 4" strokeWidth={style.line * 1.5} label={r.label ? { value: r.label, fill: theme.fg, fontSize: style.font, position: 'insideTopRight' } : undefined} />
          ))}
          {props.series.map((s, k) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label ?? s.key}
              stroke={s.color ?? categoryColor(k)}
              strokeWidth={2 * style.line}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      ) : null}
    </div>
  );
}
