import { describe, expect, it } from 'vitest';
import { plotStyle } from '../../../../src/widgets/plots/axes';
import { chartColumns } from '../../../../src/widgets/plots/MetricChart/chartData';
import { buildChartScene, chartGeometry, type ChartOptions } from '../../../../src/widgets/plots/MetricChart/scene';
import { DEFAULT_THEME, type Primitive } from '../../../../src/widgets/plots/primitives';
import { sceneToSvg } from '../../../../src/widgets/plots/svgRender';

const style = plotStyle(false);
const history = Array.from({ length: 50 }, (_, i) => ({ step: i + 1, metrics: { loss: 10 / (i + 1), elbo: -100 + i } }));
const polylines = (prims: Primitive[]) => prims.filter((p): p is Extract<Primitive, { kind: 'polyline' }> => p.kind === 'polyline');
const texts = (prims: Primitive[]) => prims.filter((p): p is Extract<Primitive, { kind: 'text' }> => p.kind === 'text').map((p) => p.text);

describe('MetricChart scene', () => {
  const opts: ChartOptions = {
    series: [{ key: 'elbo', label: 'ELBO', color: '#0072B2' }],
    references: [{ y: -40, label: 'log p(x)' }],
    logY: false,
    xLabel: 'step',
  };
  const columns = chartColumns(history, ['elbo'], false);
  const scene = buildChartScene(columns, opts, 400, 220, DEFAULT_THEME, style);
  const geo = chartGeometry(columns, opts, 400, 220, style);

  it('puts each history point where the scales say, first and last step at the plot edges', () => {
    const line = polylines(scene.primitives).find((p) => p.stroke === '#0072B2')!;
    expect(line.points[0]).toBeCloseTo(geo.sx.range[0], 4);
    expect(line.points[1]).toBeCloseTo(geo.sy(-100), 4);
    const n = line.points.length;
    expect(line.points[n - 2]).toBeCloseTo(geo.sx.range[1], 4);
    expect(line.points[n - 1]).toBeCloseTo(geo.sy(-51), 4);
    // and the scales themselves: larger values higher on screen (smaller pixel y), inside the plot box
    expect(line.points[n - 1]).toBeLessThan(line.points[1]);
    expect(geo.sy.range[0]).toBeGreaterThan(geo.sy.range[1]);
    expect(geo.sx.range[1]).toBeGreaterThan(geo.sx.range[0]);
  });
  it('widens the y axis to show reference lines, drawn dashed and labelled', () => {
    expect(geo.sy.domain[1]).toBeGreaterThanOrEqual(-40);
    const ref = polylines(scene.primitives).find((p) => p.dashed && p.points[1] === p.points[3])!;
    expect(ref.points[1]).toBeCloseTo(geo.sy(-40), 4);
    expect(texts(scene.primitives)).toContain('log p(x)');
  });
  it('has no legend for one series, a legend entry per series for several', () => {
    expect(texts(scene.primitives)).not.toContain('ELBO');
    const two = buildChartScene(chartColumns(history, ['elbo', 'loss'], false), { ...opts, series: [...opts.series, { key: 'loss', label: 'loss' }] }, 400, 220, DEFAULT_THEME, style);
    expect(texts(two.primitives)).toEqual(expect.arrayContaining(['ELBO', 'loss']));
  });
  it('plots log10 of the values on a log axis, with power-of-ten tick labels', () => {
    const logOpts: ChartOptions = { series: [{ key: 'loss' }], references: [], logY: true };
    const c = chartColumns(history, ['loss'], true);
    const g = chartGeometry(c, logOpts, 400, 220, style);
    const s = buildChartScene(c, logOpts, 400, 220, DEFAULT_THEME, style);
    const line = polylines(s.primitives)[0];
    expect(line.points[1]).toBeCloseTo(g.sy(Math.log10(10)), 4);
    expect(texts(s.primitives)).toEqual(expect.arrayContaining(['0.1', '1', '10']));
  });
  it('exports as vector SVG with the lines and labels of the screen', () => {
    const svg = sceneToSvg(scene);
    expect(svg).toMatch(/^<svg[^>]*width="400"/);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('log p(x)');
  });
});

describe('MetricChart scene, first report', () => {
  it('shows a lone point as a dot', () => {
    const c = chartColumns([{ step: 0, metrics: { a: 1 } }], ['a'], false);
    const s = buildChartScene(c, { series: [{ key: 'a' }], references: [], logY: false }, 300, 200, DEFAULT_THEME, style);
    expect(s.primitives.filter((p) => p.kind === 'circle')).toHaveLength(1);
  });
});

describe('MetricChart scene, before any report', () => {
  it('says so in the plot area', () => {
    const c = chartColumns([], ['a'], false);
    const s = buildChartScene(c, { series: [{ key: 'a' }], references: [], logY: false, emptyText: 'Press play' }, 300, 200, DEFAULT_THEME, style);
    expect(texts(s.primitives)).toContain('Press play');
    expect(polylines(s.primitives).filter((p) => !p.dashed)).toHaveLength(0);
  });
});
