import { afterAll, describe, expect, it } from 'vitest';
import { bookPages, chapters } from './support/manifest';
import { closeBrowser, openPage, scrollThrough } from './support/page';

afterAll(closeBrowser);

describe('the built book', () => {
  it('opens on a table of contents that lists every chapter', async () => {
    const { page, context, problems } = await openPage('/');
    const list = chapters();
    for (const c of list) {
      await expect(page.getByRole('link', { name: new RegExp(escapeRegExp(c.title)) }).first().isVisible()).resolves.toBe(true);
    }
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] });
    await context.close();
  });

  it('serves a friendly page for an unknown address', async () => {
    const { page, context } = await openPage('/no-such-chapter/');
    await expect(page.getByText(/not found/i).first().isVisible()).resolves.toBe(true);
    await context.close();
  });

  for (const c of chapters()) {
    it(`chapter ${c.number} "${c.title}" renders with no console error, no KaTeX error and no outside request`, async () => {
      const { page, context, problems } = await openPage(`/${c.slug}/`);
      await page.locator('h1').first().waitFor();
      // The title comes from the manifest at once; the chapter body is a lazy chunk: wait for its math.
      await page.locator('.katex').first().waitFor({ timeout: 60_000 });
      await expect(page.locator('h1').first().innerText()).resolves.toContain(c.title);
      await scrollThrough(page);
      await page.waitForTimeout(500);
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(await page.locator('.katex').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-mdx-error]').count()).toBe(0);
      // Every chapter links, once, to the notation page, from its header.
      await expect(page.locator('.page-header a[href$="/notation/"]').count()).resolves.toBe(1);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] });
      await context.close();
    });
  }

  for (const p of bookPages()) {
    it(`page "${p.title}" (/${p.slug}/) renders with no console error, no KaTeX error and no outside request`, async () => {
      const { page, context, problems } = await openPage(`/${p.slug}/`);
      await page.locator('h1').first().waitFor();
      await page.locator('.katex').first().waitFor({ timeout: 60_000 });
      await expect(page.locator('h1').first().innerText()).resolves.toContain(p.title);
      await scrollThrough(page);
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(await page.locator('[data-mdx-error]').count()).toBe(0);
      await expect(page.title()).resolves.toContain(p.title);
      // It sits in the sidebar, marked as the current page.
      await expect(page.locator(`#sidebar a[aria-current="page"][href$="/${p.slug}/"]`).count()).resolves.toBe(1);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] });
      await context.close();
    });
  }
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
