/**
 * Chapter 10's lda-topics widget in the browser: opened with settings and seed in the URL, it
 * plays (documents seen and held-out scores for every run, topics as words, docs/s in the status
 * line), pauses, steps, resets; clicking a held-out passage shows its topic proportions (summing
 * to one) and writes the passage to the URL, and a reload shows the same passage; present mode.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { button, driveTransport, metrics, status, stepCount, togglePresent, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const CHAPTER = '/topic-models/';

describe('lda-topics', () => {
  it('round-trips its settings through the URL, trains, shows topics and a clicked passage\'s proportions', async () => {
    const probe = await openPage(CHAPTER);
    const slot = probe.page.locator('.widget-slot[data-widget-kind="lda-topics"] [data-widget]').first();
    await slot.waitFor({ timeout: 60_000 });
    const id = (await slot.getAttribute('data-widget'))!;
    await probe.context.close();

    const q = `?${id}.k=4&${id}.batch=32&${id}.evalDocs=60&${id}.evalEvery=256&${id}.kappa=0.3&${id}.seed=9`;
    const { page, context, problems } = await openPage(CHAPTER + q);
    const w = widget(page, id);
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    // κ = 0.3 is outside (0.5, 1]: clamped, with a notice; the others are taken as given
    expect(await w.locator('[data-notice="param"]').first().innerText()).toMatch(/0\.51/);
    expect(await w.getByLabel('Seed', { exact: true }).inputValue()).toBe('9');
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 120_000);

    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) >= 9, 120_000);
    if ((await status(w)) === 'running') await button(w, 'Pause').click();
    await waitForAttr(w, 'data-status', (s) => s === 'paused');
    const m = await metrics(w);
    expect(m.seen).toBe(32 * (await stepCount(w)));
    for (const key of ['heldOut0', 'heldOut1', 'heldOut2']) expect(m[key]).toBeLessThan(0);
    expect(m.docsPerSecond).toBeGreaterThan(0);
    expect(await w.getByTestId('lda-docs-rate').innerText()).toMatch(/^[\d,]+ docs\/s$/);
    const topics = w.getByTestId('lda-topic-list').locator('li');
    expect(await topics.count()).toBe(4);
    expect(await topics.first().innerText()).toMatch(/^([a-z]+ ){7}[a-z]+ \(α̂ = \d\.\d\d\)$/);

    // a passage on request: its label, its words, and bars for the 4 topics
    const pick = w.locator('button[data-doc]').nth(3);
    const doc = (await pick.getAttribute('data-doc'))!;
    await pick.click();
    await page.waitForFunction((wid) => new URL(location.href).searchParams.get(`${wid}.doc`) !== null, id);
    await w.getByTestId('lda-doc').filter({ hasText: `Passage ${doc} (` }).waitFor();
    expect(await w.locator(`button[data-doc="${doc}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get(`${id}.doc`)).toBe(doc);
    await button(w, 'Step').click();
    await waitForAttr(w, 'data-status', (s) => s === 'paused');

    await page.reload();
    const again = widget(page, id);
    await again.waitFor({ timeout: 60_000 });
    await again.scrollIntoViewIfNeeded();
    await again.getByTestId('lda-doc').filter({ hasText: `Passage ${doc} (` }).waitFor({ timeout: 120_000 });
    expect(await again.getByLabel('Seed', { exact: true }).inputValue()).toBe('9');
    await driveTransport(again);
    await togglePresent(again);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});
