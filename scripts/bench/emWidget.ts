/**
 * The EM widget in headless Chromium: training steps per second (from the widget's own step
 * counter, so worker messaging is included), and main-thread frame times while the worker trains,
 * next to the idle page's frame times measured in the same run. Target: p95 ≤ 20 ms while training.
 */
import type { Page } from 'playwright-core';
import type { BenchContext, BenchEntry } from './types';

const CHAPTER = '/em-algorithm/';

export async function frameTimes(page: Page, ms: number): Promise<{ p50: number; p95: number; max: number; frames: number }> {
  return page.evaluate(async (duration) => {
    const deltas: number[] = [];
    await new Promise<void>((resolve) => {
      let last = performance.now();
      const start = last;
      const tick = (t: number) => {
        deltas.push(t - last);
        last = t;
        if (t - start < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    deltas.sort((a, b) => a - b);
    const q = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))];
    return { p50: q(0.5), p95: q(0.95), max: deltas[deltas.length - 1], frames: deltas.length };
  }, ms);
}

async function runFor(page: Page, id: string, backend: string, seconds: number) {
  const w = page.locator(`[data-widget="${id}"]`);
  await w.waitFor();
  await page.waitForFunction((wid) => document.querySelector(`[data-widget="${wid}"]`)?.getAttribute('data-backend'), id, { timeout: 120_000 });
  const idle = await frameTimes(page, 2000);
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction((wid) => Number(document.querySelector(`[data-widget="${wid}"]`)?.getAttribute('data-step')) > 0, id);
  const s0 = Number(await w.getAttribute('data-step'));
  const t0 = Date.now();
  const busy = await frameTimes(page, seconds * 1000);
  const s1 = Number(await w.getAttribute('data-step'));
  const elapsed = (Date.now() - t0) / 1000;
  return { backend: (await w.getAttribute('data-backend')) ?? backend, stepsPerSecond: (s1 - s0) / elapsed, idle, busy };
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
      const q = `?${id}.maxSteps=2000&${id}.tol=1e-10&${id}.n=1000${backend === 'auto' ? '' : `&backend=${backend}`}`;
      await page.goto(ctx.baseURL + CHAPTER + q);
      try {
        const r = await runFor(page, id, backend, 5);
        const key = backend === 'auto' ? `auto(${r.backend})` : backend;
        out[`${key}_steps_per_s`] = r.stepsPerSecond;
        out[`${key}_frame_p95_training_ms`] = r.busy.p95;
        out[`${key}_frame_p95_idle_ms`] = r.idle.p95;
        out[`${key}_frame_max_training_ms`] = r.busy.max;
      } catch (err) {
        out[`${backend}_error`] = err instanceof Error ? err.message.split('\n')[0] : String(err);
      }
      await page.close();
    }
    out.frame_p95_target_ms = 20;
    return out;
  },
};
