/**
 * Chapter 11's BNN widget in the browser: settings and seed from the URL (a bad value clamped
 * with a notice) and back into it across a reload; the transport (play, pause, step, reset) and
 * present mode; the held-out score table after a pause; the linear mode's exact-check readout; the
 * variational-family switch into the URL and back, and the full-covariance family's readouts.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { button, driveTransport, status, togglePresent, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const CHAPTER = '/bayesian-neural-networks/';

async function bnnWidgetId(page: Page): Promise<string> {
  const slot = page.locator('.widget-slot[data-widget-kind="bnn-regression"] [data-widget]').first();
  await slot.waitFor({ timeout: 60_000 });
  return (await slot.getAttribute('data-widget'))!;
}

/** Plays to step 50 or more, pauses, and returns the score table's rows once they are drawn. */
async function trainFiftySteps(w: ReturnType<typeof widget>) {
  await w.scrollIntoViewIfNeeded();
  await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 120_000);
  await button(w, 'Play').click();
  await waitForAttr(w, 'data-step', (s) => Number(s) >= 50, 120_000);
  if ((await status(w)) === 'running') await button(w, 'Pause').click();
  await waitForAttr(w, 'data-status', (s) => s === 'paused' || s === 'done');
  const rows = w.getByTestId('bnn-scores').locator('tbody tr');
  await rows.first().waitFor({ timeout: 60_000 });
  return rows;
}

describe('bnn-regression widget', () => {
  it('mounts, plays, pauses, steps, resets and enters present mode', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, await bnnWidgetId(page));
    await driveTransport(w);
    await togglePresent(w);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('reads settings and seed from the URL, clamps a bad value, and writes changes back across a reload', async () => {
    const probe = await openPage(CHAPTER);
    const id = await bnnWidgetId(probe.page);
    await probe.context.close();

    const { page, context } = await openPage(`${CHAPTER}?${id}.hidden=500&${id}.prior=estimate&${id}.seed=42`);
    const w = widget(page, id);
    await w.waitFor();
    const notice = w.locator('[data-notice="param"]');
    await notice.first().waitFor();
    expect(await notice.first().innerText()).toMatch(/clamped to 100/);
    expect(await w.getByLabel('Seed', { exact: true }).inputValue()).toBe('42');
    const seed = w.getByLabel('Seed', { exact: true });
    await seed.fill('9');
    await seed.press('Enter');
    await page.waitForFunction((wid) => new URL(location.href).searchParams.get(`${wid}.seed`) === '9', id);
    await page.reload();
    await widget(page, id).waitFor();
    expect(await widget(page, id).getByLabel('Seed', { exact: true }).inputValue()).toBe('9');
    expect(new URL(page.url()).searchParams.get(`${id}.prior`)).toBe('estimate');
    await context.close();
  });

  it('after a pause shows held-out coverage for both fits; the linear mode shows the closed-form check', async () => {
    const probe = await openPage(CHAPTER);
    const id = await bnnWidgetId(probe.page);
    await probe.context.close();
    const { page, context } = await openPage(`${CHAPTER}?${id}.model=linear&${id}.noise=fixed`);
    const w = widget(page, id);
    const rows = await trainFiftySteps(w);
    expect(await rows.count()).toBe(2);
    const cells = await rows.first().locator('td').allInnerTexts();
    const coverage = Number(cells[0]);
    expect(coverage).toBeGreaterThanOrEqual(0);
    expect(coverage).toBeLessThanOrEqual(1);
    await expect.poll(async () => w.getByTestId('bnn-linear').count(), { timeout: 30_000 }).toBe(1);
    expect(await w.getByTestId('bnn-linear').innerText()).toMatch(/closed form/);
    await context.close();
  });

  it('switches to the full-covariance family through the URL: the choice survives a reload and the readouts name it', async () => {
    const probe = await openPage(CHAPTER);
    const id = await bnnWidgetId(probe.page);
    await probe.context.close();
    const { page, context, problems } = await openPage(`${CHAPTER}?${id}.model=linear&${id}.noise=fixed`);
    let w = widget(page, id);
    await w.waitFor();
    await w.getByLabel('Variational family', { exact: true }).selectOption('linearized');
    await page.waitForFunction((wid) => new URL(location.href).searchParams.get(`${wid}.family`) === 'linearized', id);
    await page.reload();
    w = widget(page, id);
    await w.waitFor();
    expect(await w.getByLabel('Variational family', { exact: true }).inputValue()).toBe('linearized');
    expect(new URL(page.url()).searchParams.get(`${id}.model`)).toBe('linear');
    const rows = await trainFiftySteps(w);
    await expect.poll(async () => rows.first().locator('th').innerText(), { timeout: 30_000 }).toMatch(/full cov/);
    await expect.poll(async () => w.getByTestId('bnn-linear').count(), { timeout: 30_000 }).toBe(1);
    expect(await w.getByTestId('bnn-linear').innerText()).toMatch(/full covariance.*exact posterior/s);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
