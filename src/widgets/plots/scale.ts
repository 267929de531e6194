/** Linear scales and "nice" axis ticks, shared by the canvas plots and their SVG export. */
export interface LinearScale {
  (v: number): number;
  invert(p: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  f.invert = (p: number) => (k === 0 ? d0 : d0 + (p - r0) / k);
  f.domain = domain;
  f.range = range;
  return f;
}

/** Tick step of 1, 2 or 5 × 10^k giving about `count` ticks over [min, max]. */
export function niceStep(min: number, max: number, count: number): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const err = raw / power;
  const mult = err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
  return mult * power;
}

/** Multiples of a nice step inside [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = niceStep(lo, hi, count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Tick label: short, no float noise (0.30000000000000004 → "0.3"). */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-3) return v.toExponential(0).replace('+', '');
  return String(Number(v.toPrecision(6)));
}

/**
 * Widens the narrower of two domains so one data unit spans the same number of pixels on both
 * axes (circles look like circles).
 */
export function equalAspectDomains(
  x: readonly [number, number],
  y: readonly [number, number],
  width: number,
  height: number,
): { x: [number, number]; y: [number, number] } {
  const xPer = (x[1] - x[0]) / Math.max(1, width);
  const yPer = (y[1] - y[0]) / Math.max(1, height);
  if (xPer > yPer) {
    const half = (xPer * height) / 2;
    const c = (y[0] + y[1]) / 2;
    return { x: [x[0], x[1]], y: [c - half, c + half] };
  }
  const half = (yPer * width) / 2;
  const c = (x[0] + x[1]) / 2;
  return { x: [c - half, c + half], y: [y[0], y[1]] };
}
