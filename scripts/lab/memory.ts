/**
 * Process memory after a forced collection, and a least-squares slope over samples: how the
 * streaming LDA test (tests/scripts/ldaStream.test.ts) and `npm run lab -- lda --memory-every N`
 * decide that memory stays flat while documents stream by.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  /** documents trained on when sampled */
  docs: number;
  /** V8 heap in use after GC, bytes */
  heapUsed: number;
  /** memory of ArrayBuffers (typed arrays live here, outside the V8 heap), bytes */
  arrayBuffers: number;
  rss: number;
}

let gcFn: (() => void) | null = null;

/** global.gc when node runs with --expose-gc, else the same function obtained through v8 flags. */
export function forceGc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

export function sampleMemory(docs: number): MemorySample {
  forceGc();
  const m = process.memoryUsage();
  return { docs, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

/** Least-squares slope of y on x. */
export function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

export interface Growth {
  /** fitted bytes per 1,000 documents */
  perThousandDocs: number;
  /** fitted growth over the sampled span, bytes */
  overRun: number;
}

/** Growth of `field` fitted over the samples (the first `skip` dropped: warm-up, JIT). */
export function growth(samples: readonly MemorySample[], field: (s: MemorySample) => number, skip = 2): Growth {
  const s = samples.slice(skip);
  const b = slope(s.map((x) => x.docs), s.map(field));
  const span = s.length > 1 ? s[s.length - 1].docs - s[0].docs : 0;
  return { perThousandDocs: 1000 * b, overRun: b * span };
}
