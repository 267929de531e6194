/**
 * Chapter 7's hierarchical VAE widget in the browser: it opens on the shipped two-layer model
 * (held-out ELBO at the shipped level, both grids drawn), plays, pauses, steps, resets, enters and
 * leaves present mode, and its settings and seed survive a reload through the URL.
 */
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { driveTransport, togglePresent, widget } from './support/widget';

afterAll(closeBrowser);

const ID = 'ch7-hvae-layers';

async function readout(w: Locator, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  const r = w.getByTestId('hvae-readout');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await r.count()) > 0 ? await r.innerText() : '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`readout never matched ${pattern}: ${text}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('hierarchical VAE widget (chapter 7)', () => {
  it('opens on the shipped model and drives like every trainer', async () => {
    const { page, context, problems } = await openPage('/variational-autoencoder/');
    const w = widget(page, ID);
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    const text = await readout(w, /pretrained weights/);
    const elbo = Number(/Held-out ELBO (-?\d+(?:\.\d+)?)/.exec(text)![1]);
    expect(elbo).toBeGreaterThan(-115);
    expect(elbo).toBeLessThan(-60);
    await expect(w.getByRole('img', { name: /sharing z₂/ }).count()).resolves.toBeGreaterThan(0);
    await driveTransport(w);
    await togglePresent(w);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it('puts settings and the seed in the URL, and restores them on reload', async () => {
    const { page, context } = await openPage('/variational-autoencoder/');
    const w = widget(page, ID);
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    await w.getByRole('button', { name: 'Train from scratch' }).click();
    await w.getByLabel(/Warm-up/).check();
    await page.waitForFunction(
      (id) => {
        const q = new URL(location.href).searchParams;
        return q.get(`${id}.start`) === 'scratch' && q.get(`${id}.warmupEpochs`) === '10';
      },
      ID,
    );
    const url = new URL(page.url());
    url.searchParams.set(`${ID}.seed`, '7');
    await page.goto(url.toString());
    const again = widget(page, ID);
    await again.waitFor({ timeout: 60_000 });
    await again.scrollIntoViewIfNeeded();
    await readout(again, /trained from scratch/);
    expect(await again.getByLabel(/Warm-up/).isChecked()).toBe(true);
    expect(await again.getByLabel(/Free bits/).isChecked()).toBe(false);
    expect(new URL(page.url()).searchParams.get(`${ID}.seed`)).toBe('7');
    await context.close();
  }, 300_000);
});
