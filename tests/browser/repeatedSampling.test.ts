/**
 * Chapter 9's repeated-sampling lab in the browser: non-default settings from the URL reach the
 * worker (the variational limit and asymptotic sds shown are those of the URL's design), it plays
 * with the data-set count rising in whole steps, pauses, steps by exactly one step's data sets,
 * finishes with an MLE of μ centred on the truth within Monte Carlo error, resets, changes a
 * setting into the URL and keeps it across a reload, and enters and leaves present mode.
 */
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { asymptotics } from '../../src/core/vi/estimator/asymptotics';
import { experimentOf, repeatedSamplingParams } from '../../src/core/vi/estimator/demo';
import { fmt3 } from '../../src/widgets/repeated-sampling/logic';
import { closeBrowser, openPage } from './support/page';
import { button, status, stepCount, togglePresent, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const CHAPTER = '/variational-estimator/';
const ID = 'ch9-lab';

/** The readout's "k of R data sets", or null before the first snapshot. */
async function dataSets(w: Locator): Promise<{ count: number; R: number } | null> {
  const readout = w.getByTestId('repeated-sampling-readout');
  if ((await readout.count()) === 0) return null;
  const m = /(\d+) of (\d+) data sets/.exec(await readout.innerText());
  return m ? { count: Number(m[1]), R: Number(m[2]) } : null;
}

async function waitForCount(w: Locator, predicate: (count: number) => boolean, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await dataSets(w);
    if (d && predicate(d.count)) return d.count;
    if (Date.now() > deadline) throw new Error(`timed out waiting on the data-set count; last ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('repeated-sampling lab (chapter 9)', () => {
  it('mounts from a URL with non-default settings, plays with progress, pauses, steps, finishes, resets, writes a change back to the URL, presents', async () => {
    // Every setting off its default (J, c, τ*², R, perStep, the histogram, the seed).
    const settings = { J: 4, c: 0.5, tau2: 2, R: 600, perStep: 4, show: 'mu', seed: 77 };
    for (const [k, v] of Object.entries(settings)) {
      if (k !== 'seed') expect(v, k).not.toBe(repeatedSamplingParams[k as keyof typeof repeatedSamplingParams].default);
    }
    const query = Object.entries(settings)
      .map(([k, v]) => `${ID}.${k}=${v}`)
      .join('&');
    const { page, context, problems } = await openPage(`${CHAPTER}?${query}`);
    const w = widget(page, ID);
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded(); // off-screen widgets get no snapshots
    expect(await w.getByLabel('Observations per group J value', { exact: true }).inputValue()).toBe('4');
    expect(await w.getByLabel('Data sets per step value', { exact: true }).inputValue()).toBe('4');
    expect(await w.getByLabel('Seed', { exact: true }).inputValue()).toBe('77');
    expect(await w.getByLabel('Histogram of', { exact: true }).inputValue()).toBe('mu');
    expect(await w.locator('[data-notice="param"]').count()).toBe(0);

    // The worker simulates the URL's design: the readout's limit τ²† and asymptotic sds are those of
    // J = 4, c = 0.5, τ*² = 2 (at the defaults they would be 0.432 and others).
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 60_000);
    expect(await dataSets(w)).toEqual({ count: 0, R: settings.R });
    const design = experimentOf({ n: repeatedSamplingParams.n.default, J: settings.J, c: settings.c, tau2: settings.tau2 });
    const vem = asymptotics('variational', settings.tau2, design);
    const mle = asymptotics('mle', settings.tau2, design);
    const readout = w.getByTestId('repeated-sampling-readout');
    const text = await readout.innerText();
    expect(text).toContain(`τ²† = ${fmt3(vem.tau2Limit)} (truth τ*² = ${fmt3(settings.tau2)})`);
    expect(text).toContain(`MLE ${fmt3(Math.sqrt(mle.sandwichVar[1] / design.n))}, variational ${fmt3(Math.sqrt(vem.sandwichVar[1] / design.n))}`);
    // τ²† < τ*² here (c < 1 shrinks the limit): the dashed line is not the truth.
    expect(vem.tau2Limit).toBeLessThan(settings.tau2 - 0.05);
    const histogramOf = () => w.getByRole('img', { name: /^Histograms of \d+ MLEs/ }).getAttribute('aria-label');
    expect(await histogramOf()).toMatch(/of μ, with the true value 0\.000/);

    // Plays: the count climbs through several readouts, always whole steps of perStep data sets.
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-status', (s) => s === 'running');
    const counts = new Set<number>();
    const deadline = Date.now() + 30_000;
    while (counts.size < 4) {
      if (Date.now() > deadline) throw new Error(`too few distinct counts while playing: ${[...counts].join(', ')}`);
      const d = await dataSets(w);
      if (d && d.count > 0) counts.add(d.count);
      await page.waitForTimeout(50);
    }
    const climbing = [...counts];
    for (let i = 1; i < climbing.length; i++) expect(climbing[i]).toBeGreaterThan(climbing[i - 1]);
    for (const c of climbing) expect(c % settings.perStep).toBe(0);
    expect(Math.max(...climbing)).toBeLessThan(settings.R);

    // Pauses: the step and the count stay put.
    await button(w, 'Pause').click();
    await waitForAttr(w, 'data-status', (s) => s === 'paused');
    const pausedAt = await stepCount(w);
    const pausedCount = await waitForCount(w, (c) => c === pausedAt * settings.perStep);
    await page.waitForTimeout(500);
    expect(await stepCount(w)).toBe(pausedAt);
    expect((await dataSets(w))!.count).toBe(pausedCount);
    expect(pausedCount).toBeLessThan(settings.R);
    expect(await histogramOf()).toContain(`Histograms of ${pausedCount} MLEs`);

    // Steps: one step is perStep more data sets.
    await button(w, 'Step').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === pausedAt + 1);
    await waitForCount(w, (c) => c === pausedCount + settings.perStep);
    expect(await status(w)).toBe('paused');

    // Plays to the end: R data sets, done; the MLE of μ is unbiased, so its mean over R data sets is
    // within 4 Monte Carlo standard errors (sd/√R) of μ* = 0.
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-status', (s) => s === 'done', 90_000);
    await waitForCount(w, (c) => c === settings.R);
    const table = w.getByTestId('repeated-sampling-table');
    expect(await table.locator('caption').innerText()).toMatch(new RegExp(`^Over ${settings.R} data sets`));
    const muRow = (await table.locator('tbody tr', { has: page.locator('th', { hasText: /^MLE \(exact EM\), μ$/ }) }).locator('td').allInnerTexts()).map(Number);
    const [mean, , sd] = muRow;
    expect(sd).toBeGreaterThan(0);
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(settings.R));
    expect(await stepCount(w)).toBe(settings.R / settings.perStep);

    // Resets: step 0, no data sets, no table.
    await button(w, 'Reset').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === 0);
    await waitForCount(w, (c) => c === 0);
    expect(await table.count()).toBe(0);

    // A setting changed on the page goes into the URL (and a restart shows its design); a reload keeps it.
    const J = w.getByLabel('Observations per group J value', { exact: true });
    await J.fill('50');
    await J.press('Enter');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get(`${id}.J`) === '50', ID);
    const at50 = asymptotics('variational', settings.tau2, experimentOf({ n: design.n, J: 50, c: settings.c, tau2: settings.tau2 }));
    await page.waitForFunction(
      ([id, shown]) => document.querySelector(`[data-widget="${id}"] [data-testid="repeated-sampling-readout"]`)?.textContent?.includes(`τ²† = ${shown}`),
      [ID, fmt3(at50.tau2Limit)] as const,
    );
    expect(page.url()).toContain(`${ID}.seed=77`);
    await page.reload();
    const again = widget(page, ID);
    await again.waitFor({ timeout: 60_000 });
    expect(await again.getByLabel('Observations per group J value', { exact: true }).inputValue()).toBe('50');
    expect(await again.getByLabel('Data sets per step value', { exact: true }).inputValue()).toBe('4');
    expect(await again.getByLabel('Seed', { exact: true }).inputValue()).toBe('77');

    await togglePresent(again);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 150_000);
});
