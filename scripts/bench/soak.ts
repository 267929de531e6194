/**
 * Bench entry 'soak' (opt-in: `npm run bench -- soak [--minutes N]`, 30 by default): chapter 7's
 * VAE trainer and chapter 8's digit diffusion widget train side by side in headless Chromium, as
 * a book left open on a projector for a lecture would. Every minute it samples, per page, the
 * JS heap after a forced GC (CDP HeapProfiler.collectGarbage + Performance.getMetrics), the tfjs
 * memory of the page's workers (tensors and bytes, read from tfjs-core's engine global in each
 * worker through CDP; no protocol message needed), main-thread frame times over 2 s, and the
 * widget's step. A run that finishes is reset and played again (session churn is part of a
 * lecture). It reports least-squares slopes per hour from the second sample on (the first minute
 * fills caches and optimizer state) and a verdict: flat when an hour at that slope adds less than
 * 5% of the level or a floor (10 tensors, 1 MB of tensors, 5 MB of heap, 2 ms of frame p95).
 */
import type { CDPSession, Page } from 'playwright-core';
import { errorCell } from './browserJobs';
import { frameTimes } from './emWidget';
import { isFlat, slopePerHour } from './stats';
import type { BenchContext, BenchEntry, BenchResult } from './types';

interface SoakTarget {
  name: string;
  path: string;
  widget: string;
  query: string;
}

const TARGETS: SoakTarget[] = [
  // the chapter's preset (shipped weights), with an epoch budget that outlasts the soak
  { name: 'vae', path: '/variational-autoencoder/', widget: 'ch7-vae-train', query: 'ch7-vae-train.epochs=100' },
  { name: 'ddm_digits', path: '/diffusion-models/', widget: 'ch8-digits', query: 'ch8-digits.steps=50000' },
];

interface Sample {
  minute: number;
  heapMB: number;
  tensors: number;
  tensorMB: number;
  workers: number;
  frameP50: number;
  frameP95: number;
  step: number;
  status: string;
}

// Source text, not a function: see FRAME_TIMES_SOURCE in emWidget.ts.
const WORKER_MEMORY_SOURCE = `(() => {
  const e = globalThis._tfengine;
  if (!e) return null;
  const m = e.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
})()`;

export function soakMinutes(argv: readonly string[]): number {
  const i = argv.indexOf('--minutes');
  if (i < 0) return 30;
  const m = Number(argv[i + 1]);
  if (!(m > 0)) throw new Error(`soak: --minutes needs a positive number, got ${argv[i + 1]}`);
  return m;
}

async function workerMemory(page: Page): Promise<{ tensors: number; bytes: number; workers: number }> {
  let tensors = 0;
  let bytes = 0;
  let workers = 0;
  for (const w of page.workers()) {
    const m = (await w.evaluate(WORKER_MEMORY_SOURCE).catch(() => null)) as { numTensors: number; numBytes: number } | null;
    if (!m) continue;
    tensors += m.numTensors;
    bytes += m.numBytes;
    workers++;
  }
  return { tensors, bytes, workers };
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  return (used?.value ?? NaN) / 2 ** 20;
}

async function open(ctx: BenchContext, t: SoakTarget) {
  const page = await ctx.newPage();
  await page.goto(`${ctx.baseURL}${t.path}?${t.query}&debug=1`);
  const w = page.locator(`[data-widget="${t.widget}"]`);
  await w.waitFor({ timeout: 120_000 });
  // On screen, or the frame stops drawing and the worker stops sending snapshots.
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.querySelector(`[data-widget="${id}"]`)?.getAttribute('data-backend'), t.widget, { timeout: 180_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('Performance.enable');
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  return { page, w, cdp, samples: [] as Sample[], restarts: 0, backend: (await w.getAttribute('data-backend')) ?? '?' };
}

type Opened = Awaited<ReturnType<typeof open>>;

async function sample(o: Opened, minute: number): Promise<void> {
  const status = (await o.w.getAttribute('data-status')) ?? '?';
  const step = Number(await o.w.getAttribute('data-step'));
  const frames = await frameTimes(o.page, 2000);
  const mem = await workerMemory(o.page);
  o.samples.push({
    minute,
    heapMB: await heapMB(o.cdp),
    tensors: mem.tensors,
    tensorMB: mem.bytes / 2 ** 20,
    workers: mem.workers,
    frameP50: frames.p50,
    frameP95: frames.p95,
    step,
    status,
  });
  if (status === 'done' || status === 'paused') {
    // a finished run (or one paused by a rollback) starts over, as a lecturer would
    await o.w.getByRole('button', { name: 'Reset', exact: true }).click();
    await o.w.getByRole('button', { name: 'Play', exact: true }).click();
    o.restarts++;
  }
}

function verdict(flat: Record<string, boolean>): string {
  const growing = Object.entries(flat)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  return growing.length === 0 ? 'flat' : `GROWING: ${growing.join(', ')}`;
}

function summarize(name: string, o: Opened): BenchResult {
  const s = o.samples;
  const fit = s.length >= 3 ? s.slice(1) : s;
  const x = fit.map((r) => r.minute);
  const mean = (f: (r: Sample) => number) => fit.reduce((a, r) => a + f(r), 0) / fit.length;
  const slopes = {
    tensors: slopePerHour(x, fit.map((r) => r.tensors)),
    tensorMB: slopePerHour(x, fit.map((r) => r.tensorMB)),
    heapMB: slopePerHour(x, fit.map((r) => r.heapMB)),
    frameP95: slopePerHour(x, fit.map((r) => r.frameP95)),
  };
  const flat = {
    tensors: isFlat(slopes.tensors, mean((r) => r.tensors), 10),
    tensorMB: isFlat(slopes.tensorMB, mean((r) => r.tensorMB), 1),
    heapMB: isFlat(slopes.heapMB, mean((r) => r.heapMB), 5),
    frameP95: isFlat(slopes.frameP95, mean((r) => r.frameP95), 2),
  };
  const last = s[s.length - 1];
  return {
    [`${name}_backend`]: o.backend,
    [`${name}_samples`]: s.length,
    [`${name}_steps`]: last.step,
    [`${name}_restarts`]: o.restarts,
    [`${name}_workers`]: last.workers,
    [`${name}_tensors_first_last`]: `${s[0].tensors} → ${last.tensors}`,
    [`${name}_tensors_per_h`]: slopes.tensors,
    [`${name}_tensor_MB_first_last`]: `${s[0].tensorMB.toFixed(2)} → ${last.tensorMB.toFixed(2)}`,
    [`${name}_tensor_MB_per_h`]: slopes.tensorMB,
    [`${name}_heap_MB_first_last`]: `${s[0].heapMB.toFixed(1)} → ${last.heapMB.toFixed(1)}`,
    [`${name}_heap_MB_per_h`]: slopes.heapMB,
    [`${name}_frame_p95_ms_first_last`]: `${s[0].frameP95.toFixed(1)} → ${last.frameP95.toFixed(1)}`,
    [`${name}_frame_p95_ms_per_h`]: slopes.frameP95,
    [`${name}_frame_p50_ms_mean`]: mean((r) => r.frameP50),
    [`${name}_memory_verdict`]: verdict({ tensors: flat.tensors, tensorMB: flat.tensorMB, heapMB: flat.heapMB }),
    // one 2-s window a minute on a shared machine: p95 jumps by 10× between windows, so read this
    // slope over a full-length run, not a short one
    [`${name}_frame_verdict`]: verdict({ frameP95: flat.frameP95 }),
    [`${name}_trace`]: s.map((r) => `${r.minute}m:${r.tensors}t/${r.tensorMB.toFixed(1)}MB/${r.heapMB.toFixed(0)}MBheap/${r.frameP95.toFixed(0)}ms/${r.step}`).join(' '),
  };
}

export const soak: BenchEntry = {
  name: 'soak',
  optIn: true,
  async run(ctx: BenchContext) {
    const minutes = soakMinutes(process.argv);
    const out: BenchResult = { minutes };
    const opened: [string, Opened][] = [];
    for (const t of TARGETS) {
      try {
        opened.push([t.name, await open(ctx, t)]);
      } catch (err) {
        out[`${t.name}_error`] = errorCell(err);
      }
    }
    const t0 = Date.now();
    for (let m = 0; m <= Math.floor(minutes); m++) {
      const wait = t0 + m * 60_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (const [name, o] of opened) {
        try {
          await sample(o, (Date.now() - t0) / 60_000);
        } catch (err) {
          out[`${name}_sample_error`] = errorCell(err);
        }
      }
      process.stderr.write(
        `soak ${m}/${Math.floor(minutes)} min: ` +
          opened.map(([n, o]) => { const r = o.samples[o.samples.length - 1]; return r ? `${n} ${r.tensors} tensors, ${r.heapMB.toFixed(1)} MB heap, step ${r.step}` : n; }).join('; ') +
          '\n',
      );
    }
    for (const [name, o] of opened) if (o.samples.length > 0) Object.assign(out, summarize(name, o));
    out.flat_rule = 'an hour at the slope adds < max(5% of level, floor: 10 tensors, 1 MB tensors, 5 MB heap, 2 ms frame p95)';
    return out;
  },
};
