/**
 * Printing: a chapter printed to PDF (Chromium's own print path, read back with poppler's
 * pdftotext and pdfimages) has its title, its first paragraph, its equation numbers, links spelled
 * out as references and each drawn widget as a still picture, with the widget's controls hidden.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from './support/manifest';
import { firstProseWords } from './support/chapterSource';
import { closeBrowser, openPage } from './support/page';

afterAll(closeBrowser);

function pdfText(pdf: Buffer): { text: string; images: number } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'book-pdf-')), 'page.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n');
  return { text, images: Math.max(0, list.length - 2) }; // two header lines
}

describe('printing a chapter', () => {
  it('gives a PDF with the title, first paragraph, equation numbers, link references and widget stills', async () => {
    const chapter = chapters()[0];
    const { page, context, problems } = await openPage(`/${chapter.slug}/`);
    try {
      await page.locator('#sidebar .sidebar-sections').waitFor({ timeout: 90_000 });
      const frame = page.locator('[data-widget]').first();
      await frame.scrollIntoViewIfNeeded();
      await frame.locator('canvas').first().waitFor({ timeout: 90_000 });
      const widgetTitle = (await frame.locator('.wf-title').innerText()).trim();
      await page.waitForTimeout(1000); // let the figure draw

      // What printing does to the page: the event a print dialog sends first…
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const stills = await page.locator('img.print-still').count();
      expect(stills).toBe(await page.locator('.wf-figure canvas').count());
      expect(stills).toBeGreaterThan(0);

      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.wf-controls', '.wf-toolbar', '.wf-transport', '.wf-status', '.site-header', '#sidebar', '.print-replaced']) {
        for (const el of await page.locator(selector).all()) expect(await el.isVisible(), selector).toBe(false);
      }
      await expect(page.locator('img.print-still').first().isVisible()).resolves.toBe(true);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await expect(page.locator('img.print-still').count()).resolves.toBe(0);

      // …and the PDF itself (page.pdf() fires beforeprint and afterprint like a print dialog).
      const { text, images } = pdfText(await page.pdf({ format: 'A4' }));
      expect(text).toContain(chapter.title);
      expect(text).toContain(firstProseWords(chapter.file));
      expect(text).toContain(`(${chapter.number}.1)`);
      expect(text).toContain(`(${chapter.number}.2)`);
      expect(text).toContain(widgetTitle);
      expect(text).toMatch(/<https?:\/\/[^>]+>/); // a link printed with its URL
      expect(text).not.toContain('steps/s'); // the widget's status line
      expect(images).toBeGreaterThanOrEqual(stills);
      await expect(page.locator('img.print-still').count()).resolves.toBe(0);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] });
    } finally {
      await context.close();
    }
  });
});
