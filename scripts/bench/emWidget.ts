/**
 * The EM widget in headless Chromium: training steps per second (from the widget's own step
 * counter, so worker messaging is included), and main-thread frame times while the worker trains,
 * next to the idle page's frame times measured in the same run. Target: p95 ≤ 20 ms while training.
 */
import type { Page } from 'playwright-core';
import { errorCell } from './browserJobs';
import type { BenchContext, BenchEntry } from './types';

const CHAPTER = '/em-algorithm/';

// Sent as source text: tsx (esbuild keepNames) wraps named functions in a `__name` helper that
// does not exist in the page, so a function literal passed to page.evaluate would not run there.
const FRAME_TIMES_SOURCE = `(duration) => new Promise((resolve) => {
  const deltas = [];
  let last = performance.now();
  const start = last;
  requestAnimationFrame(function tick(t) {
    deltas.push(t - last);
    last = t;
    if (t - start < duration) return requestAnimationFrame(tick);
    deltas.sort((a, b) => a - b);
    const at = (p) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))];
    resolve({ p50: at(0.5), p95: at(0.95), max: deltas[deltas.length - 1], frames: deltas.length });
  });
})`;

/** Main-thread frame intervals (requestAnimationFrame deltas) over `ms` milliseconds. */
export async function frameTimes(page: Page, ms: number): Promise<{ p50: number; p95: number; max: number; frames: number }> {
  return page.evaluate(`(${FRAME_TIMES_SOURCE})(${Number(ms)})`) as Promise<{ p50: number; p95: number; max: number; frames: number }>;
}

async function runFor(page: Page, id: string, backend: string, seconds: number) {
  const w = page.locator(`[data-widget="${id}"]`);
  await w.waitFor();
  // On screen, or the frame stops drawing and the worker stops sending snapshots: the measure
  // must include the figure's redraws.
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction((wid) => document.querySelector(`[data-widget="${wid}"]`)?.getAttribute('data-backend'), id, { timeout: 120_000 });
  const idle = await frameTimes(page, 2000);
  // The widget starts capped at a few steps/s so EM animates; throughput is measured uncapped.
  await w.getByLabel('Speed', { exact: true }).selectOption('max');
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction((wid) => Number(document.querySelector(`[data-widget="${wid}"]`)?.getAttribute('data-step')) > 0, id);
  // Frame times and step counting run side by side; steps count until the run ends (EM converges).
  const s0 = Number(await w.getAttribute('data-step'));
  const t0 = Date.now();
  const busyPromise = frameTimes(page, seconds * 1000);
  let s1 = s0;
  let t1 = t0;
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(100);
    const s = Number(await w.getAttribute('data-step'));
    if (s !== s1) {
      s1 = s;
      t1 = Date.now();
    }
    if ((await w.getAttribute('data-status')) === 'done') break;
  }
  const busy = await busyPromise;
  const elapsed = Math.max(t1 - t0, 1) / 1000;
  return { backend: (await w.getAttribute('data-backend')) ?? backend, stepsPerSecond: (s1 - s0) / elapsed, steps: s1 - s0, idle, busy };
}

export const emWidget: BenchEntry = {
  name: 'em-widget',
  async run(ctx: BenchContext) {
    const probe = await ctx.newPage();
    await probe.goto(ctx.baseURL + CHAPTER);
    const slot = probe.locator('.widget-slot[data-widget-kind="em-gmm"] [data-widget]').first();
    await slot.waitFor({ timeout: 60_000 });
    const id = (await slot.getAttribute('data-widget'))!;
    const out: Record<string, number | string> = { widget: id };
    for (const backend of ['auto', ...ctx.backends]) {
      const page = await ctx.newPage();
      // A run long enough to measure: 2,000 points, k = 10, 8 restarts (EM on the defaults converges in ~20 steps).
      const q = `?${id}.maxSteps=2000&${id}.tol=1e-10&${id}.n=2000&${id}.k=10&${id}.restarts=8&${id}.dataset=checkerboard${backend === 'auto' ? '' : `&backend=${backend}`}`;
      await page.goto(ctx.baseURL + CHAPTER + q);
      try {
        const r = await runFor(page, id, backend, 5);
        const key = backend === 'auto' ? `auto(${r.backend})` : backend;
        out[`${key}_steps_per_s`] = r.stepsPerSecond;
        out[`${key}_steps_counted`] = r.steps;
        out[`${key}_frame_p95_training_ms`] = r.busy.p95;
        out[`${key}_frame_p95_idle_ms`] = r.idle.p95;
        out[`${key}_frame_max_training_ms`] = r.busy.max;
      } catch (err) {
        out[`${backend}_error`] = errorCell(err);
      }
      await page.close();
    }
    out.frame_p95_target_ms = 20;
    return out;
  },
};
