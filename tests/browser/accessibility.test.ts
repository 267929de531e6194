import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chapters } from './support/manifest';
import { closeBrowser, openPage, scrollThrough } from './support/page';

afterAll(closeBrowser);

/**
 * Opens the search dialog from the header button and returns its combobox. A click that lands before
 * hydration attaches the button's handler opens nothing, and the dialog is a chunk loaded on first
 * use: in one CI run under load the combobox had not appeared 30 s after a single click. The button
 * only opens (never toggles), so click again every 5 s until the combobox is there, for up to 90 s.
 */
async function openSearch(page: Page): Promise<Locator> {
  const input = page.getByRole('combobox', { name: 'Search the book' });
  const button = page.getByRole('button', { name: 'Search the book' });
  const until = Date.now() + 90_000;
  while (!(await input.isVisible())) {
    if (Date.now() > until) throw new Error('the search dialog did not open within 90 s of clicking its button');
    await button.click({ timeout: 5_000 }).catch(() => undefined);
    await input.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  return input;
}

describe('accessibility (axe-core)', () => {
  const pages = [{ name: 'home', path: '/' }, ...chapters().map((c) => ({ name: `chapter ${c.number}`, path: `/${c.slug}/` }))];
  for (const theme of ['light', 'dark'] as const) {
    for (const p of pages) {
      it(`${p.name} (${theme} theme) has no serious or critical violation`, async () => {
        const { page, context } = await openPage(p.path);
        await page.evaluate((t) => {
          localStorage.setItem('theme', t);
          document.documentElement.setAttribute('data-theme', t);
        }, theme);
        await scrollThrough(page);
        await page.waitForTimeout(300);
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }
  for (const theme of ['light', 'dark'] as const) {
    it(`the search dialog, open with results (${theme} theme), has no serious or critical violation`, async () => {
      const { page, context } = await openPage(`/${chapters()[0].slug}/`);
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await page.locator('.prose .katex').first().waitFor({ timeout: 60_000 });
      await (await openSearch(page)).fill('likelihood');
      await page.getByRole('option').first().waitFor({ timeout: 60_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
