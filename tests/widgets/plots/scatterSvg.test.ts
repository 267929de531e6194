import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from '../../../src/widgets/plots/primitives';
import { buildScatterScene, scatterGeometry } from '../../../src/widgets/plots/ScatterPlot/scene';
import type { ScatterPlotProps } from '../../../src/widgets/plots/ScatterPlot/types';
import { sceneToSvg } from '../../../src/widgets/plots/svgRender';
import { categoryColor } from '../../../src/widgets/plots/palette';

const props: ScatterPlotProps = {
  xDomain: [-3, 3],
  yDomain: [-3, 3],
  points: { x: new Float64Array([0, 1, -2]), y: new Float64Array([0, 2, -1]), colorIndex: [0, 1, 1] },
  ellipses: [{ mean: [1, 0.5], cov: [1, 0, 0, 0.25], nSigma: 2, showMean: false }],
  xLabel: 'x₁',
};

function attrs(tag: string, svg: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag} ([^>]*)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}

describe('scatter SVG export', () => {
  const W = 400;
  const H = 300;
  const svg = sceneToSvg(buildScatterScene(props, W, H, DEFAULT_THEME, false));
  const { sx, sy } = scatterGeometry(props, W, H, false);

  it('is a standalone SVG document of the figure’s size', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="300"/);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect((svg.match(/<g/g) ?? []).length).toBe((svg.match(/<\/g>/g) ?? []).length);
  });

  it('draws each point as a circle at its data position with its category colour', () => {
    const circles = attrs('circle', svg);
    expect(circles).toHaveLength(3);
    expect(Number(circles[1].cx)).toBeCloseTo(sx(1), 1);
    expect(Number(circles[1].cy)).toBeCloseTo(sy(2), 1);
    expect(circles[1].fill).toBe(categoryColor(1));
    expect(circles[0].fill).toBe(categoryColor(0));
    expect(sy(2)).toBeLessThan(sy(0)); // y up
  });

  it('draws the 2-sigma ellipse with radii 2σ in pixels, centred on the mean', () => {
    const [e] = attrs('ellipse', svg);
    expect(Number(e.cx)).toBeCloseTo(sx(1), 1);
    expect(Number(e.cy)).toBeCloseTo(sy(0.5), 1);
    expect(Number(e.rx)).toBeCloseTo(2 * 1 * (sx(1) - sx(0)), 1);
    expect(Number(e.ry)).toBeCloseTo(2 * 0.5 * (sy(0) - sy(1)), 1);
    expect(e.stroke).toBe(categoryColor(0));
  });

  it('clips data to the plot area and labels the axes with escaped text', () => {
    expect(svg).toContain('<clipPath id="clip0">');
    expect(svg).toContain('>x₁</text>');
    expect(svg).toMatch(/>-2<\/text>/);
    // escaped: markup characters in a label stay text and the document stays well formed
    const odd = sceneToSvg(buildScatterScene({ ...props, xLabel: 'p(x | z) < 1 & "q"' }, W, H, DEFAULT_THEME, false));
    expect(odd).toContain('>p(x | z) &lt; 1 &amp; ');
    expect(odd).not.toContain('< 1 &');
  });

  it('embeds grids as PNG images and contours as paths; arrows get heads', () => {
    const n = 11;
    const values = new Float64Array(n * n).map((_, k) => (k % n) + Math.floor(k / n));
    const withGrid = sceneToSvg(
      buildScatterScene(
        {
          ...props,
          grids: [{ values, nx: n, ny: n, extent: { x: [-3, 3], y: [-3, 3] }, image: true, levels: [5] }],
          arrows: [{ x: [0], y: [0], dx: [1], dy: [0] }],
        },
        W,
        H,
        DEFAULT_THEME,
        false,
      ),
    );
    expect(withGrid).toMatch(/<image [^>]*href="data:image\/png;base64,/);
    expect(attrs('polygon', withGrid).length).toBe(1);
    expect(withGrid).toMatch(/<path d="M[\d.]+ [\d.]+L/);
  });

  it('presenting thickens lines and enlarges type', () => {
    const big = sceneToSvg(buildScatterScene(props, W, H, DEFAULT_THEME, true));
    const normalWidth = Number(attrs('ellipse', svg)[0]['stroke-width']);
    const bigWidth = Number(attrs('ellipse', big)[0]['stroke-width']);
    expect(bigWidth).toBeGreaterThan(1.5 * normalWidth);
    const size = (s: string) => Number(attrs('text', s)[0]['font-size']);
    expect(size(big)).toBeGreaterThan(size(svg));
  });
});
