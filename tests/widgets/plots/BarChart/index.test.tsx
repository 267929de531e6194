import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../../../src/widgets/plots/BarChart';
import { barChartScene } from '../../../../src/widgets/plots/BarChart/layout';
import { DEFAULT_THEME } from '../../../../src/widgets/plots/primitives';

const bars = [
  { label: 'CAVI', value: 0.1073244067372017 },
  { label: 'Gibbs', value: 2.718281828459045 },
];

/** The cells of the hidden table, in order. */
function tableCells(markup: string): string[] {
  return [...markup.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
}

describe('BarChart screen-reader table', () => {
  it('writes each value as the bar label on screen writes it', () => {
    const format = (v: number) => v.toFixed(2);
    const cells = tableCells(renderToStaticMarkup(<BarChart bars={bars} formatValue={format} />));
    const scene = barChartScene(bars, { width: 300, height: 200, theme: DEFAULT_THEME, presenting: false, formatValue: format });
    const onScreen = scene.primitives.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
    expect(cells).toEqual(['0.11', '2.72']);
    for (const cell of cells) expect(onScreen).toContain(cell);
  });

  it('rounds to four significant digits without a format of its own', () => {
    expect(tableCells(renderToStaticMarkup(<BarChart bars={bars} />))).toEqual(['0.1073', '2.718']);
  });
});
