/**
 * BarChart: labelled bars as inline SVG, drawn from the same primitives its export writes.
 * A visually hidden table gives screen readers the numbers, written as the bars' labels write them.
 */
import { useMemo, useState } from 'react';
import { svgToPng } from '../../frame/exportFigure';
import { useFigureExport, useFrame } from '../../frame/frameContext';
import { formatValue } from '../formatValue';
import { sceneToSvg } from '../svgRender';
import { useTheme } from '../theme';
import { useElementSize } from '../useElementSize';
import { barChartScene, type Bar } from './layout';

export type { Bar } from './layout';

export interface BarChartProps {
  bars: readonly Bar[];
  /** CSS px; default 200 (300 when presenting). */
  height?: number;
  domain?: readonly [number, number];
  yLabel?: string;
  showValues?: boolean;
  formatValue?: (v: number) => string;
  ariaLabel?: string;
  presenting?: boolean;
  visible?: boolean;
}

export function BarChart(props: BarChartProps) {
  const frame = useFrame();
  const presenting = props.presenting ?? frame.presenting;
  const visible = props.visible ?? frame.visible;
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(container);
  const height = (props.height ?? 200) * (presenting ? 1.5 : 1);
  const theme = useTheme(container, presenting);

  const svg = useMemo(() => {
    if (width <= 0) return '';
    const scene = barChartScene(props.bars, { width, height, theme, presenting, domain: props.domain, yLabel: props.yLabel, showValues: props.showValues, formatValue: props.formatValue });
    return sceneToSvg(scene, theme.font);
    // Off screen, keep the last drawing (recomputed when visible again).
  }, [visible ? props.bars : null, width, height, theme, presenting, props.domain, props.yLabel, props.showValues, props.formatValue]); // eslint-disable-line react-hooks/exhaustive-deps

  const withBackground = () => svg.replace(/^<svg([^>]*)>/, `<svg$1><rect width="100%" height="100%" fill="${theme.bg}"/>`);
  useFigureExport({
    size: () => ({ width, height }),
    toSvg: withBackground,
    toPng: () => svgToPng(withBackground(), width, height),
  });

  return (
    <div ref={setContainer} className="plot-bar-chart" style={{ width: '100%', minHeight: height }}>
      <div role="img" aria-label={props.ariaLabel ?? 'Bar chart'} dangerouslySetInnerHTML={{ __html: svg }} />
      <table className="wf-sr-only">
        <tbody>
          {props.bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{formatValue(b.value, props.formatValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
