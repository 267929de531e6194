/**
 * The book on a phone (390 × 844 CSS px, mobile viewport rules, touch): no page scrolls
 * sideways once every widget has mounted, the chapter list opens from the header's button,
 * and a widget trains with a tap on Play.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from './support/manifest';
import { closeBrowser, openPage, scrollThrough } from './support/page';
import { waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const PHONE = { width: 390, height: 844 };

/** How far the page is wider than the phone's screen, and what sticks out (for the message). */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate((width) => {
    // Content inside a clipping or scrolling box (a wide equation scrolls by itself) does not count.
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.katex-mathml, svg') && e.getBoundingClientRect().right > width + 1 && !clipped(e))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''}`);
    return { overflow: Math.max(document.documentElement.scrollWidth, window.innerWidth) - width, widest: wide };
  }, PHONE.width);
}

describe('on a phone', () => {
  for (const c of [{ slug: '', title: 'the table of contents' }, ...chapters()]) {
    it(`${c.slug ? `chapter "${c.title}"` : c.title} fits the screen's width: nothing scrolls sideways`, async () => {
      const { page, context, problems } = await openPage(c.slug ? `/${c.slug}/` : '/', { viewport: PHONE, phone: true });
      await page.locator('h1').first().waitFor();
      if (c.slug) await page.locator('.katex').first().waitFor({ timeout: 60_000 });
      await scrollThrough(page); // widgets mount when near the viewport
      await page.waitForTimeout(1000);
      const { overflow, widest } = await sidewaysOverflow(page);
      expect(overflow, `wider than the screen: ${widest.join(', ')}`).toBeLessThanOrEqual(0);
      expect(problems.pageErrors).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('opens the chapter list from the header button, and trains a widget with a tap', async () => {
    const { page, context, problems } = await openPage('/em-algorithm/', { viewport: PHONE, phone: true });
    const toggle = page.getByRole('button', { name: 'Open the chapter list' });
    await toggle.waitFor();
    const link = page.locator('#sidebar').getByRole('link', { name: /The ELBO and variational EM/ });
    expect(await link.isVisible()).toBe(false); // a drawer, closed
    await toggle.tap();
    await link.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Close the chapter list' }).getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Close the chapter list' }).tap();
    await link.waitFor({ state: 'hidden' });

    const w = widget(page, 'ch2-em');
    await w.scrollIntoViewIfNeeded();
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 60_000);
    await w.getByRole('button', { name: 'Play', exact: true }).tap();
    await waitForAttr(w, 'data-step', (s) => Number(s) >= 3, 30_000);
    expect(await w.getAttribute('data-status')).not.toBe('error');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
