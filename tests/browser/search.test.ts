/**
 * Search (README "Search"): `/` or the header button opens an accessible dialog (combobox +
 * listbox); a term that only one chapter uses finds only that chapter, and Enter opens it at
 * the result's heading, focused; Esc closes and focus goes back; a click on the button before the
 * page has hydrated still opens the dialog; no CSP violation throughout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from './support/manifest';
import { closeBrowser, openPage } from './support/page';

afterAll(closeBrowser);

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] };

/** The chapters whose MDX source mentions a word (read here, independently of the index). */
function chaptersUsing(word: RegExp): string[] {
  const dir = path.resolve(import.meta.dirname, '../../chapters');
  return chapters()
    .filter((c) => word.test(readFileSync(path.join(dir, c.file), 'utf8')))
    .map((c) => c.slug);
}

describe('search', () => {
  it('finds a term only one chapter uses and opens that chapter at the heading of the result', async () => {
    const owners = chaptersUsing(/Neyman/);
    expect(owners).toHaveLength(1); // the premise of this test
    const { page, context, problems } = await openPage('/');
    await page.locator('h1').first().waitFor();
    await page.keyboard.press('/');
    const input = page.getByRole('combobox', { name: 'Search the book' });
    await input.waitFor();
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await input.fill('Neyman');
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await options.first().waitFor({ timeout: 60_000 });
    const targets = await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-href') ?? ''));
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets.map((t) => t.split('#')[0]))).toEqual(new Set(owners));
    // The snippet marks the term.
    await expect(options.first().locator('mark').first().innerText()).resolves.toMatch(/^neyman$/i);
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');

    // ↓ moves the active option (aria-activedescendant follows), ↑ comes back, Enter opens.
    if (targets.length > 1) {
      await input.press('ArrowDown');
      await expect(options.nth(1).getAttribute('aria-selected')).resolves.toBe('true');
      await expect(input.getAttribute('aria-activedescendant')).resolves.toBe(await options.nth(1).getAttribute('id'));
      await input.press('ArrowUp');
    }
    const anchor = targets[0].split('#')[1];
    expect(anchor).not.toBe('');
    await input.press('Enter');
    await page.waitForURL(`**/${owners[0]}/#${anchor}`);
    const heading = page.locator(`[id="${anchor}"]`);
    await heading.waitFor({ timeout: 60_000 });
    await expect(heading.evaluate((el) => /^H[23]$/.test(el.tagName))).resolves.toBe(true);
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => heading.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    })).toBe(true);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });

  it('opens from the header button, closes with Esc, and gives focus back to the button', async () => {
    const { page, context, problems } = await openPage(`/${chapters()[1].slug}/`);
    await page.locator('.prose .katex').first().waitFor({ timeout: 60_000 });
    const openButton = page.getByRole('button', { name: 'Search the book' });
    await openButton.click();
    const dialog = page.getByRole('dialog', { name: 'Search the book' });
    await dialog.waitFor();
    const input = dialog.getByRole('combobox');
    await expect(input.getAttribute('aria-controls')).resolves.toBe(await dialog.getByRole('listbox').getAttribute('id'));
    await input.fill('zzzqqq-not-a-word');
    await expect.poll(() => dialog.getByRole('status').innerText()).toMatch(/No section matches/);
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect(openButton.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // `/` typed into a field is text, not the shortcut.
    await page.keyboard.press('/');
    await dialog.waitFor();
    await input.fill('EM/');
    await expect(input.inputValue()).resolves.toBe('EM/');
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });

  it('opens for a click on the button made before the page has hydrated', async () => {
    const { page, context, problems } = await openPage('/');
    await page.waitForLoadState('networkidle'); // so the reload aborts nothing of the first load
    // Reload with the page's scripts held back: the prerendered button is there, its handler is not.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.reload({ waitUntil: 'commit' });
    const button = page.getByRole('button', { name: 'Search the book' });
    await button.click({ timeout: 30_000 });
    await expect(page.evaluate(() => (window as { __bookSearchEarly?: boolean }).__bookSearchEarly)).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: 'Search the book' }).count()).resolves.toBe(0);
    release();
    const input = page.getByRole('combobox', { name: 'Search the book' });
    await input.waitFor({ timeout: 60_000 });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });
});
