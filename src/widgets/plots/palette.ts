/**
 * Colours for every figure in the book. Categories use the Okabe–Ito palette (distinguishable
 * under the common colour-vision deficiencies); continuous grids use viridis (perceptually
 * uniform, readable in greyscale).
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
  grey: '#999999',
} as const;

/** Category colours in order (black left out so it reads on a dark theme). */
export const CATEGORY_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
  OKABE_ITO.grey,
];

export function categoryColor(index: number): string {
  const n = CATEGORY_COLORS.length;
  return CATEGORY_COLORS[((Math.floor(index) % n) + n) % n];
}

/** '#RRGGBB' → [r, g, b] in 0..255. */
export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  const c = (x: number) => Math.round(Math.min(255, Math.max(0, x))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

// Viridis sampled at 9 evenly spaced points; linear interpolation between them is within a
// couple of 8-bit levels of the full 256-entry table.
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];
const GREYS: readonly [number, number, number][] = [
  [255, 255, 255],
  [0, 0, 0],
];
const BLUES: readonly [number, number, number][] = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
];

export type ColormapName = 'viridis' | 'greys' | 'blues';
const COLORMAPS: Record<ColormapName, readonly [number, number, number][]> = { viridis: VIRIDIS, greys: GREYS, blues: BLUES };

/** Colour of t in [0, 1] (clamped) on a colormap, as [r, g, b] 0..255. */
export function colormap(name: ColormapName, t: number): [number, number, number] {
  const stops = COLORMAPS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f].map(Math.round) as [
    number,
    number,
    number,
  ];
}
