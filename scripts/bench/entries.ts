/** The benchmark entries, in report order. Add one line per entry. */
import { bundleSize } from './bundleSize';
import { emWidget } from './emWidget';
import type { BenchEntry } from './types';

export const benchEntries: BenchEntry[] = [
  bundleSize,
  emWidget,
];
