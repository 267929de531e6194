/**
 * Wasm threads in the built (minified) book: on the cross-origin isolated page the chapter 7 VAE,
 * a heavy demo, runs tfjs's threaded SIMD build with the page's thread budget, its status line
 * says how many threads, and it trains (the pthread workers load the glue asset; a minified glue
 * would fail with "e is not defined", tfjs#4107). A light demo on the same backend stays
 * single-threaded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { threadBudget } from '../../src/runtime/threads';
import { closeBrowser, openPage } from './support/page';
import { button, stepCount, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

describe('wasm threads', () => {
  it('the VAE trains threaded with the budget shown in its status line', async () => {
    const { page, problems } = await openPage('/variational-autoencoder/?backend=wasm&ch7-vae-train.start=scratch');
    const w = widget(page, 'ch7-vae-train');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    await waitForAttr(w, 'data-backend', (v) => v === 'wasm', 180_000);
    const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    expect(isolated).toBe(true);
    const expected = threadBudget(cores);
    const backend = w.locator('[data-field="backend"]');
    expect(Number(await backend.getAttribute('data-threads'))).toBe(expected);
    if (expected > 1) expect(await backend.innerText()).toContain(`wasm · ${expected} threads`);
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (v) => Number(v) >= 3, 180_000);
    await button(w, 'Pause').click();
    expect(await stepCount(w)).toBeGreaterThanOrEqual(3);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => /not defined|pthread|worker/i.test(e))).toEqual([]);
  }, 300_000);

  it('a light demo on wasm stays single-threaded', async () => {
    const { page } = await openPage('/amortized-inference/?backend=wasm');
    const w = widget(page, 'ch6-amortization-gap');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    await waitForAttr(w, 'data-backend', (v) => v === 'wasm', 180_000);
    const backend = w.locator('[data-field="backend"]');
    expect(Number(await backend.getAttribute('data-threads'))).toBe(1);
    expect(await backend.innerText()).not.toContain('threads');
  }, 300_000);
});
