import { describe, expect, it } from 'vitest';
import {
  DATASET_NAMES,
  MIN_DRAWN_POINTS,
  STANDARD_BOX,
  checkerboard,
  makeDataset,
  normalizeDrawn,
  rings,
} from '../../../src/core/data/toy2d';
import { createRng } from '../../../src/core/random';

function moments(p: Float64Array) {
  const n = p.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += p[2 * i]; my += p[2 * i + 1]; }
  mx /= n; my /= n;
  let vx = 0, vy = 0;
  for (let i = 0; i < n; i++) { vx += (p[2 * i] - mx) ** 2; vy += (p[2 * i + 1] - my) ** 2; }
  return { mx, my, v: (vx + vy) / (2 * n) };
}

describe('toy 2-D datasets', () => {
  it.each(DATASET_NAMES)('%s: [n*2], finite, seeded, centred, variance ≈ 1 + noise²', (name) => {
    const a = makeDataset(name, 2000, createRng(1));
    const b = makeDataset(name, 2000, createRng(1));
    const c = makeDataset(name, 2000, createRng(2));
    expect(a.length).toBe(4000);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const clean = makeDataset(name, 2000, createRng(1), 0);
    const m = moments(clean);
    expect(Math.abs(m.mx)).toBeLessThan(1e-12);
    expect(Math.abs(m.my)).toBeLessThan(1e-12);
    expect(m.v).toBeCloseTo(1, 12);
    const noisy = makeDataset(name, 4000, createRng(3), 0.5);
    expect(moments(noisy).v).toBeGreaterThan(1.25 - 0.1);
    expect(moments(noisy).v).toBeLessThan(1.25 + 0.1);
  });

  it('rings: noiseless points lie on two circles with radius ratio 2', () => {
    const n = 2000;
    const p = rings(n, createRng(4), 0);
    // standardization shifts by the sample mean, so locate the centre from the outer ring's bounding box
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, p[2 * i]); x1 = Math.max(x1, p[2 * i]);
      y0 = Math.min(y0, p[2 * i + 1]); y1 = Math.max(y1, p[2 * i + 1]);
    }
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const r = Array.from({ length: n }, (_, i) => Math.hypot(p[2 * i] - cx, p[2 * i + 1] - cy));
    const outer = Math.max(...r);
    const inner = r.filter((v) => v < 0.75 * outer);
    const outerRing = r.filter((v) => v >= 0.75 * outer);
    for (const v of outerRing) expect(v / outer).toBeGreaterThan(0.995);
    for (const v of inner) expect(Math.abs(v / outer - 0.5)).toBeLessThan(0.005);
    expect(inner.length / n).toBeGreaterThan(0.28);
    expect(inner.length / n).toBeLessThan(0.39);
  });

  it('checkerboard: noiseless points fall only on dark squares', () => {
    const p = checkerboard(2000, createRng(5), 0);
    // the clean board is [-2,2]² shifted/scaled; recover the grid cell from the rank in x and y
    const xs = Array.from({ length: 2000 }, (_, i) => p[2 * i]);
    const ys = Array.from({ length: 2000 }, (_, i) => p[2 * i + 1]);
    const xlo = Math.min(...xs);
    const ylo = Math.min(...ys);
    const side = (Math.max(...xs) - xlo) / 4;
    const cells = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const u = (p[2 * i] - xlo) / side;
      const v = (p[2 * i + 1] - ylo) / side;
      // skip points within 2% of a cell edge, where the estimated grid may be off by a hair
      const near = (t: number) => Math.abs(t - Math.round(t)) < 0.02;
      if (near(u) || near(v)) continue;
      const col = Math.min(3, Math.floor(u));
      const row = Math.min(3, Math.floor(v));
      expect((row + col) % 2).toBe(0);
      cells.add(row * 4 + col);
    }
    expect(cells.size).toBe(8);
  });

  it('rejects bad sizes and noise', () => {
    expect(() => makeDataset('moons', 0, createRng(1))).toThrow();
    expect(() => makeDataset('moons', 10, createRng(1), -1)).toThrow();
    expect(() => makeDataset('nope' as never, 10, createRng(1))).toThrow(/Unknown dataset/);
  });
});

describe('normalizeDrawn', () => {
  it('maps pixel coordinates into the standard box, aspect kept', () => {
    const px = [100, 100, 300, 100, 300, 200, 100, 200, 200, 150];
    const r = normalizeDrawn(px);
    if (!r.ok) throw new Error(r.reason);
    expect(Array.from(r.points.slice(0, 2))).toEqual([-STANDARD_BOX, -STANDARD_BOX / 2]);
    expect(Array.from(r.points.slice(8))).toEqual([0, 0]);
    expect(r.center).toEqual([200, 150]);
    expect(r.points[2] * r.scale + r.center[0]).toBeCloseTo(300, 12);
  });

  it('rejects too few, non-finite, odd-length or coincident input with a reason', () => {
    expect(normalizeDrawn([1, 2, 3, 4])).toMatchObject({ ok: false });
    expect(normalizeDrawn(new Array(2 * MIN_DRAWN_POINTS).fill(1))).toMatchObject({ ok: false, reason: expect.stringMatching(/coincide/) });
    const bad = [0, 0, 1, 1, 2, 2, 3, NaN, 4, 4];
    expect(normalizeDrawn(bad)).toMatchObject({ ok: false, reason: expect.stringMatching(/Point 3/) });
    expect(normalizeDrawn([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5])).toMatchObject({ ok: false });
  });
});
