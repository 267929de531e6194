/**
 * Chapter 7's VAE trainer in the browser: it opens on the shipped pretrained model (held-out ELBO
 * and decoded prior samples at once), and training from scratch improves the held-out ELBO within
 * a minute.
 */
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { button, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

async function heldOutElbo(w: Locator, timeoutMs = 90_000): Promise<number> {
  const readout = w.getByTestId('vae-train-readout');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /Held-out ELBO (-?\d+(?:\.\d+)?)/.exec(await readout.innerText());
    if (m) return Number(m[1]);
    if (Date.now() > deadline) throw new Error('no held-out ELBO shown');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('VAE trainer (chapter 7)', () => {
  it('shows the pretrained model at once: held-out ELBO at the shipped level and decoded prior samples', async () => {
    const { page, context, problems } = await openPage('/variational-autoencoder/');
    const w = widget(page, 'ch7-vae-train');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded(); // off-screen widgets get no snapshots
    const elbo = await heldOutElbo(w);
    expect(elbo).toBeGreaterThan(-115);
    expect(elbo).toBeLessThan(-60);
    const samples = w.getByRole('img', { name: /decoded samples from the prior/i }).first();
    await samples.waitFor();
    // Some ink and some background: the grid is a picture, not a blank canvas.
    const spread = await samples.evaluate((el) => {
      const canvas = (el instanceof HTMLCanvasElement ? el : el.querySelector('canvas'))!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let lo = 255;
      let hi = 0;
      for (let i = 0; i < data.length; i += 4) {
        lo = Math.min(lo, data[i]);
        hi = Math.max(hi, data[i]);
      }
      return hi - lo;
    });
    expect(spread).toBeGreaterThan(100);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('trains from scratch and improves the held-out ELBO within a minute', async () => {
    const { page, context } = await openPage('/variational-autoencoder/');
    const w = widget(page, 'ch7-vae-train');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded(); // off-screen widgets get no snapshots
    await heldOutElbo(w);
    await w.getByRole('button', { name: 'Train from scratch' }).click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === 0);
    const initial = await heldOutElbo(w);
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 120_000);
    await button(w, 'Play').click();
    const deadline = Date.now() + 60_000;
    let best = initial;
    while (Date.now() < deadline && best < initial + 50) {
      await page.waitForTimeout(1000);
      best = Math.max(best, await heldOutElbo(w));
    }
    expect(best).toBeGreaterThan(initial + 50);
    await context.close();
  });
});
