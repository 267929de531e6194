import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, HISTORY_CAP, historyPoints, pushHistory, type HistoryBuffer } from '../../src/runtime/trainerState';

function feed(n: number, cap = HISTORY_CAP, from = 1): HistoryBuffer {
  let buf = EMPTY_HISTORY;
  for (let s = from; s < from + n; s++) buf = pushHistory(buf, { step: s, metrics: { loss: 1 / s } }, cap);
  return buf;
}

describe('metric history', () => {
  it('keeps every point while under the cap', () => {
    expect(historyPoints(feed(500)).map((p) => p.step)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('thins evenly to at most the cap (plus the latest point) and always shows the latest', () => {
    for (const n of [2001, 5000, 12345]) {
      const points = historyPoints(feed(n));
      expect(points.length).toBeLessThanOrEqual(HISTORY_CAP + 1);
      expect(points.length).toBeGreaterThan(HISTORY_CAP / 2);
      expect(points.at(-1)!.step).toBe(n);
      expect(points[0].step).toBe(1);
      // Even spacing: all gaps between kept points are equal (the tail may be closer).
      const kept = points.slice(0, -1);
      const gaps = new Set(kept.slice(1).map((p, i) => p.step - kept[i].step));
      expect(gaps.size).toBe(1);
    }
  });

  it('drops points after a rollback', () => {
    let buf = feed(100);
    buf = pushHistory(buf, { step: 40, metrics: { loss: 0.5 } });
    const steps = historyPoints(buf).map((p) => p.step);
    expect(steps.at(-1)).toBe(40);
    expect(steps.filter((s) => s === 40)).toHaveLength(1);
    expect(Math.max(...steps)).toBe(40);
  });
});
