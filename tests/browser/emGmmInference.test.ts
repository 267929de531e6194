/**
 * Chapter 2's EM widget shows Louis standard errors and 95% Wald intervals once EM has converged
 * (src/core/em/mixtureStandardErrors.ts), as a table a screen reader can navigate.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { button, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

describe('em-gmm standard errors', () => {
  it('appear after convergence: one row per weight and mean coordinate, each interval around its estimate', async () => {
    const { page, context } = await openPage('/em-algorithm/');
    // widgets mount when near the viewport
    await page.evaluate(() => document.querySelector('.widget-slot[data-widget-kind="em-gmm"]')?.scrollIntoView());
    const slot = page.locator('.widget-slot[data-widget-kind="em-gmm"] [data-widget]').first();
    await slot.waitFor({ timeout: 60_000 });
    const w = widget(page, (await slot.getAttribute('data-widget'))!);
    expect(await w.locator('[data-testid="em-gmm-inference"]').count()).toBe(0);
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-status', (s) => s === 'done', 120_000);
    const table = w.locator('table[data-testid="em-gmm-inference"]');
    await table.waitFor({ timeout: 30_000 });
    expect(await table.locator('caption').innerText()).toMatch(/Louis/);
    expect(await table.locator('thead th[scope="col"]').count()).toBe(4);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(9); // K = 3: π_k and two mean coordinates each
    for (let i = 0; i < 9; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      const [est, se] = [Number(cells[0]), Number(cells[1])];
      const [lo, hi] = cells[2].replace(/[[\]]/g, '').split(',').map(Number);
      expect(se).toBeGreaterThan(0);
      expect(lo).toBeLessThan(est);
      expect(hi).toBeGreaterThan(est);
      expect(await rows.nth(i).locator('th[scope="row"]').count()).toBe(1);
    }
    await context.close();
  });
});
