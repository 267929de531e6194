import { describe, expect, it } from 'vitest';
import type { ParamTable } from '../../../src/core/params';
import {
  applyPreset,
  DEFAULT_SEED,
  readWidgetUrlState,
  shareableSearch,
  writeWidgetUrlState,
} from '../../../src/widgets/frame/urlState';

const table = {
  k: { kind: 'int', label: 'Components', min: 1, max: 8, default: 3 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-4, max: 1, default: 0.01, scale: 'log' },
  dataset: { kind: 'select', label: 'Data', options: ['blobs', 'moons'], default: 'blobs' },
  shared: { kind: 'boolean', label: 'Shared covariance', default: false },
} satisfies ParamTable;

describe('readWidgetUrlState', () => {
  const defaults = applyPreset(table);

  it('reads only this widget’s keys and takes defaults for the rest', () => {
    const s = readWidgetUrlState('?a.k=5&b.k=7&a.dataset=moons&debug=1', 'a', defaults);
    expect(s.values).toEqual({ k: 5, lr: 0.01, dataset: 'moons', shared: false });
    expect(s.notices).toEqual([]);
    expect(s.seed).toBe(DEFAULT_SEED);
    expect(s.presenting).toBe(false);
  });

  it('clamps out-of-range numbers and explains each change', () => {
    const s = readWidgetUrlState('?a.k=99&a.lr=abc&a.dataset=spiral&a.shared=yes', 'a', defaults);
    expect(s.values).toEqual({ k: 8, lr: 0.01, dataset: 'blobs', shared: false });
    expect(s.notices.map((n) => n.name).sort()).toEqual(['dataset', 'k', 'lr', 'shared']);
    const k = s.notices.find((n) => n.name === 'k')!;
    expect(k.given).toBe('99');
    expect(k.used).toBe(8);
    expect(k.reason).toMatch(/clamped to 8/);
    // below the minimum, on both a linear int and a log number; a fractional int is rounded, with a notice
    const low = readWidgetUrlState('?a.k=-2&a.lr=1e-9', 'a', defaults);
    expect(low.values).toEqual({ k: 1, lr: 1e-4, dataset: 'blobs', shared: false });
    expect(low.notices.map((n) => [n.name, n.used])).toEqual([['k', 1], ['lr', 1e-4]]);
    const frac = readWidgetUrlState('?a.k=4.6', 'a', defaults);
    expect(frac.values.k).toBe(5);
    expect(frac.notices[0].reason).toMatch(/rounded to 5/);
  });

  it('reports unknown keys and bad seeds, reads seed and present', () => {
    const s = readWidgetUrlState('?a.zzz=1&a.seed=42&a.present=1', 'a', defaults);
    expect(s.seed).toBe(42);
    expect(s.presenting).toBe(true);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].name).toBe('zzz');
    const bad = readWidgetUrlState('?a.seed=-5', 'a', defaults);
    expect(bad.seed).toBe(0);
    expect(bad.notices[0].name).toBe('seed');
    const nan = readWidgetUrlState('?a.seed=x', 'a', defaults);
    expect(nan.seed).toBe(DEFAULT_SEED);
    expect(nan.notices).toHaveLength(1);
  });
});

describe('writeWidgetUrlState', () => {
  it('writes only non-defaults and keeps other widgets’ and page keys', () => {
    const defaults = applyPreset(table);
    const out = writeWidgetUrlState('?debug=1&a.k=4&b.k=2', 'a', defaults, {
      values: { k: 3, lr: 0.05, dataset: 'blobs', shared: true },
      seed: 7,
      presenting: false,
    });
    const q = new URLSearchParams(out);
    expect(q.get('debug')).toBe('1');
    expect(q.get('b.k')).toBe('2');
    expect(q.has('a.k')).toBe(false); // back to default
    expect(q.get('a.lr')).toBe('0.05');
    expect(q.get('a.shared')).toBe('true');
    expect(q.get('a.seed')).toBe('7');
    expect(q.has('a.present')).toBe(false);
  });

  it('round-trips: what is written reads back to the same state', () => {
    const defaults = applyPreset(table, { k: 5, seed: 11 });
    const state = { values: { k: 2, lr: 0.3, dataset: 'moons' as const, shared: true }, seed: 99, presenting: true };
    const search = writeWidgetUrlState('', 'w', defaults, state);
    const back = readWidgetUrlState(search, 'w', defaults);
    expect(back.values).toEqual(state.values);
    expect(back.seed).toBe(99);
    expect(back.presenting).toBe(true);
    expect(back.notices).toEqual([]);
  });

  it('is empty when everything is at its default', () => {
    const defaults = applyPreset(table);
    expect(writeWidgetUrlState('', 'a', defaults, { values: { k: 3 }, seed: DEFAULT_SEED, presenting: false })).toBe('');
  });
});

describe('applyPreset', () => {
  it('replaces defaults so that preset values are not written to the URL', () => {
    const defaults = applyPreset(table, { k: 5, dataset: 'moons', seed: 3 });
    expect(defaults.table.k.default).toBe(5);
    expect(defaults.table.dataset.default).toBe('moons');
    expect(defaults.seed).toBe(3);
    expect(table.k.default).toBe(3); // the shared table is untouched
    const read = readWidgetUrlState('', 'a', defaults);
    expect(read.values.k).toBe(5);
    expect(read.seed).toBe(3);
    expect(shareableSearch('a', defaults, { values: read.values, seed: read.seed })).toBe('');
  });

  it('clamps invalid preset values with a notice', () => {
    const defaults = applyPreset(table, { k: 20, nope: 1 });
    expect(defaults.table.k.default).toBe(8);
    expect(defaults.notices.map((n) => n.name).sort()).toEqual(['k', 'nope']);
  });
});

describe('shareableSearch', () => {
  it('reproduces only this widget, without present mode', () => {
    const defaults = applyPreset(table);
    const q = new URLSearchParams(shareableSearch('a', defaults, { values: { k: 6 }, seed: 5 }));
    expect([...q.keys()].sort()).toEqual(['a.k', 'a.seed']);
  });
});
