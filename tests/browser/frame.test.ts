/**
 * The widget frame on a real widget (EM on a 2-D mixture, chapter 2): URL state, clamping
 * notices, present mode, and recovery from a NaN, a lost WebGL context and a crashed worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { button, metrics, stepCount, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const CHAPTER = '/em-algorithm/';

/** The id of the chapter's EM widget, read from the page rather than assumed. */
async function emWidgetId(page: Page): Promise<string> {
  const slot = page.locator('.widget-slot[data-widget-kind="em-gmm"] [data-widget]').first();
  await slot.waitFor({ timeout: 60_000 });
  return (await slot.getAttribute('data-widget'))!;
}

async function debugAction(page: Page, id: string, action: string): Promise<void> {
  await page.waitForFunction((wid) => Boolean(window.__bookDebug?.widgets[wid]), id);
  await page.evaluate(([wid, a]) => window.__bookDebug!.widgets[wid].debug(a as 'corrupt'), [id, action] as const);
}

describe('widget frame', () => {
  it('reads settings from the URL, clamps a bad value with a notice, and writes changes back', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    await probe.context.close();

    const { page, context } = await openPage(`${CHAPTER}?${id}.k=99&${id}.seed=1234`);
    const w = widget(page, id);
    await w.waitFor();
    const notice = w.locator('[data-notice="param"]');
    await notice.first().waitFor();
    expect(await notice.first().innerText()).toMatch(/clamped to 10/);
    expect(await w.getByLabel('Seed', { exact: true }).inputValue()).toBe('1234');

    const seed = w.getByLabel('Seed', { exact: true });
    await seed.fill('77');
    await seed.press('Enter');
    await page.waitForFunction((wid) => new URL(location.href).searchParams.get(`${wid}.seed`) === '77', id);

    await page.reload();
    await widget(page, id).waitFor();
    expect(await widget(page, id).getByLabel('Seed', { exact: true }).inputValue()).toBe('77');
    await context.close();
  });

  it('enters present mode with f, keeps it in the URL across a reload, and leaves with Escape', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    const w = widget(probe.page, id);
    await w.focus();
    await probe.page.keyboard.press('f');
    await waitForAttr(w, 'data-presenting', (v) => v === 'true');
    await probe.page.waitForFunction((wid) => new URL(location.href).searchParams.has(`${wid}.present`), id);
    const url = probe.page.url();
    await probe.context.close();

    const { page, context } = await openPage(url.slice(url.indexOf(CHAPTER)));
    const again = widget(page, id);
    await waitForAttr(again, 'data-presenting', (v) => v === 'true');
    await again.focus();
    await page.keyboard.press('Escape');
    await waitForAttr(again, 'data-presenting', (v) => v === 'false');
    await context.close();
  });
});

describe('recovery', () => {
  it('catches a forced NaN, rolls back to finite parameters, pauses and says so', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    await probe.context.close();
    // Poison the parameters before a manual step: EM on the default data converges in a few dozen
    // steps, so acting while it runs could find it already done.
    const { page, context } = await openPage(`${CHAPTER}?debug=1`);
    const w = widget(page, id);
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 90_000);
    await debugAction(page, id, 'corrupt');
    await button(w, 'Step').click();
    await w.locator('[data-notice="diverged"]').first().waitFor({ timeout: 30_000 });
    expect(await w.locator('[data-notice="diverged"]').first().innerText()).toMatch(/rolled back to step 0/);
    await waitForAttr(w, 'data-status', (s) => s === 'paused');
    expect(await stepCount(w)).toBe(0);
    // The rolled-back parameters train on.
    await button(w, 'Step').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === 1);
    const m = await metrics(w);
    expect(Number.isFinite(m.logLik)).toBe(true);
    await context.close();
  });

  it('survives a lost WebGL context by moving to another backend, with a notice', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    await probe.context.close();
    const { page, context } = await openPage(`${CHAPTER}?debug=1&backend=webgl`);
    const w = widget(page, id);
    await waitForAttr(w, 'data-backend', (b) => b === 'webgl', 90_000);
    await debugAction(page, id, 'lose-context');
    await button(w, 'Step').click();
    await w.locator('[data-notice="backend-lost"]').first().waitFor({ timeout: 60_000 });
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== 'webgl');
    const before = await stepCount(w);
    await button(w, 'Step').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === before + 1, 60_000);
    expect(Number.isFinite((await metrics(w)).logLik)).toBe(true);
    await context.close();
  });

  it('restarts a crashed worker from its last checkpoint, with a notice: the step resumes at or after it and keeps rising', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    await probe.context.close();
    const { page, context } = await openPage(`${CHAPTER}?debug=1&${id}.maxSteps=2000&${id}.tol=1e-10`);
    const w = widget(page, id);
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) >= 3);
    // Pausing takes a checkpoint (the client asks for one on every pause); play on past it.
    await button(w, 'Pause').click();
    await waitForAttr(w, 'data-status', (s) => s === 'paused');
    const checkpointed = await stepCount(w);
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) >= checkpointed + 3);
    const beforeCrash = await stepCount(w);
    await debugAction(page, id, 'crash');
    const notice = w.locator('[data-notice="worker-restarted"]').first();
    await notice.waitFor({ timeout: 60_000 });
    const resumedFrom = Number(/resumed from step ([\d,]+)/.exec(await notice.innerText())?.[1].replace(/,/g, ''));
    // From the pause's checkpoint (or a later one), not from step 0.
    expect(resumedFrom).toBeGreaterThanOrEqual(checkpointed);
    // Until the new worker reports, the frame shows the dead worker's last step; after that, every
    // step shown is at or after the checkpoint, never falls, and passes the step of the crash.
    const stale = await stepCount(w);
    const seen: number[] = [];
    const deadline = Date.now() + 60_000;
    while (!(seen.length > 0 && seen[seen.length - 1] > Math.max(stale, beforeCrash) + 3)) {
      if (Date.now() > deadline) throw new Error(`no progress after the restart; steps seen ${seen.join(', ')}`);
      const step = await stepCount(w);
      if (seen.length > 0 || step !== stale) seen.push(step);
      await page.waitForTimeout(10);
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(resumedFrom);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    console.log(`frame: checkpoint at step ${checkpointed}, crashed at ${beforeCrash} or later, resumed from ${resumedFrom}; then ${seen.slice(0, 8).join(', ')}${seen.length > 8 ? ', …' : ''}`);
    expect(['running', 'done']).toContain(await w.getAttribute('data-status'));
    expect(Number.isFinite((await metrics(w)).logLik)).toBe(true);
    await context.close();
  });
});

describe('EM widget', () => {
  it('draws a log-likelihood curve that rises and never falls', async () => {
    const probe = await openPage(CHAPTER);
    const id = await emWidgetId(probe.page);
    await probe.context.close();
    // Step by hand so every iterate is read (played, EM on the defaults converges between two reads).
    const { page, context } = await openPage(`${CHAPTER}?${id}.dataset=moons&${id}.k=6`);
    const w = widget(page, id);
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 90_000);
    const seen: number[] = [];
    for (let i = 1; i <= 12; i++) {
      await button(w, 'Step').click();
      await waitForAttr(w, 'data-step', (s) => Number(s) === i);
      await waitForAttr(w, 'data-metrics', (m) => m !== null && JSON.parse(m)?.step === i);
      seen.push((await metrics(w)).logLik);
    }
    expect(seen.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] - 1e-5);
    expect(seen[seen.length - 1]).toBeGreaterThan(seen[0]);
    await context.close();
  });
});
