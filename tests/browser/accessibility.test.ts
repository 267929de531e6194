import { afterAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chapters } from './support/manifest';
import { closeBrowser, openPage, scrollThrough } from './support/page';

afterAll(closeBrowser);

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
      await page.getByRole('button', { name: 'Search the book' }).click();
      await page.getByRole('combobox', { name: 'Search the book' }).fill('likelihood');
      await page.getByRole('option').first().waitFor({ timeout: 60_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
