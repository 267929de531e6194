import { describe, expect, it } from 'vitest';
import { barChartScene } from '../../../src/widgets/plots/BarChart/layout';
import { imageGridLayout, imageIndexAt, imageRowBitmaps } from '../../../src/widgets/plots/ImageGrid/layout';
import { gridToRgba } from '../../../src/widgets/plots/ScatterPlot/heatmap';
import { colormap, categoryColor, CATEGORY_COLORS, hexToRgb } from '../../../src/widgets/plots/palette';
import { DEFAULT_THEME, type Primitive } from '../../../src/widgets/plots/primitives';
import { equalAspectDomains, formatTick, linearScale, niceTicks } from '../../../src/widgets/plots/scale';

describe('scale', () => {
  it('niceTicks gives round steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 3, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(0.13, 0.31, 4)).toEqual([0.15, 0.2, 0.25, 0.3]);
  });
  it('linearScale inverts', () => {
    const s = linearScale([-1, 1], [300, 0]);
    expect(s(0)).toBe(150);
    expect(s.invert(s(0.37))).toBeCloseTo(0.37, 12);
  });
  it('formatTick drops float noise', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(1e-5)).toBe('1e-5');
  });
  it('equalAspectDomains makes a data unit the same number of pixels on both axes', () => {
    const d = equalAspectDomains([-1, 1], [-1, 1], 400, 200);
    expect(400 / (d.x[1] - d.x[0])).toBeCloseTo(200 / (d.y[1] - d.y[0]), 12);
    expect(d.y).toEqual([-1, 1]);
  });
});

describe('palette', () => {
  it('uses the eight Okabe–Ito-derived colours, cycling', () => {
    expect(CATEGORY_COLORS).toHaveLength(8);
    expect(categoryColor(0)).toBe('#0072B2');
    expect(categoryColor(8)).toBe(categoryColor(0));
    expect(categoryColor(-1)).toBe(categoryColor(7));
    expect(hexToRgb('#E69F00')).toEqual([230, 159, 0]);
  });
  it('viridis runs dark purple to yellow, with luminance increasing', () => {
    expect(colormap('viridis', 0)).toEqual([68, 1, 84]);
    expect(colormap('viridis', 1)).toEqual([253, 231, 37]);
    const lum = (t: number) => {
      const [r, g, b] = colormap('viridis', t);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let k = 0; k < 10; k++) expect(lum((k + 1) / 10)).toBeGreaterThan(lum(k / 10));
  });
});

describe('heatmap', () => {
  it('puts the largest y at the top row of the image', () => {
    // 2 × 2 grid: only node (i=0, j=1) (left, top) is high.
    const rgba = gridToRgba([0, 0, 1, 0], 2, 2, 'greys', [0, 1]);
    expect(rgba[0]).toBe(0); // top-left pixel black (value 1 on 'greys')
    expect(rgba[4 * 2]).toBe(255); // bottom-left white
  });
});

describe('ImageGrid layout', () => {
  const layout = imageGridLayout({ count: 10, imageWidth: 28, imageHeight: 28, cols: 5, maxWidth: 290, labelHeight: 0 });
  it('fits the width and has enough rows', () => {
    expect(layout.rows).toBe(2);
    expect(layout.bitmapWidth).toBe(5 * 28 + 4);
    expect(layout.width).toBeCloseTo(290, 9);
  });
  it('finds the image under a point', () => {
    const s = layout.scale;
    expect(imageIndexAt(layout, 10, 28, 28, 1, 1)).toBe(0);
    expect(imageIndexAt(layout, 10, 28, 28, 29 * s * 2 + 3, 29 * s + 3)).toBe(7);
    expect(imageIndexAt(layout, 7, 28, 28, 29 * s * 2 + 3, 29 * s + 3)).toBe(-1);
  });
  it('draws ink dark and places image k in its column', () => {
    const images = new Float32Array(2 * 4); // two 2×2 images
    images[4 + 1] = 1; // image 1, pixel (x=1, y=0)
    const small = imageGridLayout({ count: 2, imageWidth: 2, imageHeight: 2, cols: 2, maxWidth: 100 });
    const [row] = imageRowBitmaps(images, 2, 2, 2, small, true);
    const px = (x: number, y: number) => row[(y * small.bitmapWidth + x) * 4];
    expect(px(0, 0)).toBe(255);
    expect(px(3 + 1, 0)).toBe(0); // image 1 starts at x = 2 + gap 1
    expect(row[(0 * small.bitmapWidth + 2) * 4 + 3]).toBe(0); // the gap is transparent
  });
});

describe('BarChart layout', () => {
  const scene = barChartScene(
    [
      { label: 'recon', value: -120 },
      { label: 'KL', value: 30 },
    ],
    { width: 300, height: 200, theme: DEFAULT_THEME, presenting: false },
  );
  const rects = scene.primitives.filter((p): p is Extract<Primitive, { kind: 'rect' }> => p.kind === 'rect');
  it('draws one bar per value, heights proportional to |value|, negatives below zero', () => {
    expect(rects).toHaveLength(2);
    expect(rects[0].h / rects[1].h).toBeCloseTo(4, 6);
    // The negative bar starts at the zero line, where the positive bar ends.
    expect(rects[0].y).toBeCloseTo(rects[1].y + rects[1].h, 6);
  });
  it('labels bars and values', () => {
    const texts = scene.primitives.filter((p) => p.kind === 'text').map((p) => (p as { text: string }).text);
    expect(texts).toContain('recon');
    expect(texts).toContain('-120');
    expect(texts).toContain('30');
  });
});
