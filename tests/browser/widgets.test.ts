import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from './support/manifest';
import { closeBrowser, openPage, scrollThrough } from './support/page';
import { button, driveTransport, togglePresent, widget } from './support/widget';

afterAll(closeBrowser);

// Every widget in every chapter: those that train play, pause, step and reset; all mount
// without errors. New widgets are covered as soon as a chapter embeds them.
describe('every widget', () => {
  for (const c of chapters()) {
    it(`chapter ${c.number}: each widget mounts, and each trainer plays, pauses, steps and resets, and each enters and leaves present mode`, async () => {
      const { page, context, problems } = await openPage(`/${c.slug}/`);
      await page.locator('.katex').first().waitFor({ timeout: 60_000 });
      await scrollThrough(page);
      // Every <Widget> slot must mount its widget (lazy chunks), so none is skipped unseen.
      const slots = await page.locator('.widget-slot').count();
      expect(slots).toBeGreaterThan(0);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.widget-slot [data-widget]').length === n,
        slots,
        { timeout: 120_000 },
      );
      const ids = await page.locator('.widget-slot [data-widget]').evaluateAll((els) => els.map((e) => e.getAttribute('data-widget')!));
      expect(ids).toHaveLength(slots);
      for (const id of ids) {
        const w = widget(page, id);
        if ((await button(w, 'Play').count()) > 0) await driveTransport(w);
        await togglePresent(w);
      }
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      // The book's Content-Security-Policy (meta and header) holds while every widget runs.
      expect(problems.cspViolations).toEqual([]);
      await context.close();
      // Chapters 7 and 8 train the largest models (the VAEs, the 28×28 diffusion model): chapter 7
      // took 79 s alone and passed 180 s in a full run at load ~12 (prerendered, development build).
    }, 360_000);
  }
});
