/**
 * Chapter 8's diffusion widgets in the browser (issue #5): the 2-D trainer beats the Gaussian
 * baseline on two moons and on a point set drawn with the mouse, the sampler's t slider moves the
 * chain from noise (t = T) to data (t = 0), and the shipped digit model shows samples at once.
 * The energy distances are the ones the widgets show (their readouts carry them as data
 * attributes); each is to the same held-out points for the model and for the fitted Gaussian.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openPage } from './support/page';
import { formatEnergy } from '../../src/widgets/ddm-train-2d/logic';
import { button, metrics, status, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const CHAPTER = '/diffusion-models/';

interface Energy {
  step: number;
  model: number;
  floor: number;
  gaussian: number;
}

/** The trainer's energy readout, or null before the first snapshot. */
async function energy(w: Locator): Promise<Energy | null> {
  const readout = w.getByTestId('ddm-energy');
  if ((await readout.count()) === 0) return null;
  const get = async (name: string) => Number(await readout.getAttribute(`data-${name}`));
  return { step: await get('step'), model: await get('model'), floor: await get('floor'), gaussian: await get('gaussian') };
}

/**
 * Plays until two successive snapshots (different steps, so independent sample sets) both show the
 * model's energy distance below the Gaussian fit's; one snapshot of 400 samples could do it by luck.
 * Returns those readouts and the seconds it took.
 */
async function trainUntilBeatsGaussian(page: Page, w: Locator, timeoutMs: number): Promise<{ seconds: number; last: Energy; steps: number }> {
  const started = Date.now();
  await button(w, 'Play').click();
  let lastStep = -1;
  let streak = 0;
  for (;;) {
    const e = await energy(w);
    if (e && e.step !== lastStep && e.step > 0) {
      lastStep = e.step;
      expect(Number.isFinite(e.model) && Number.isFinite(e.gaussian)).toBe(true);
      streak = e.model < e.gaussian ? streak + 1 : 0;
      if (streak >= 2) {
        const seconds = (Date.now() - started) / 1000;
        console.log(`ddm: beat the Gaussian after ${seconds.toFixed(1)} s, step ${e.step}: model ${e.model.toFixed(4)}, Gaussian ${e.gaussian.toFixed(4)}, floor ${e.floor.toFixed(4)}`);
        return { seconds, last: e, steps: e.step };
      }
    }
    if (Date.now() - started > timeoutMs) throw new Error(`the model did not beat the Gaussian within ${timeoutMs / 1000} s; last readout ${JSON.stringify(e)}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Waits for a playing widget to finish its step budget: no overall deadline, but the step counter
 * (the root's data-step) must move at least every `stallMs`, and an error status fails at once.
 */
async function trainToEnd(w: Locator, budget: number, stallMs: number): Promise<void> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const status = await w.getAttribute('data-status');
    if (status === 'error') throw new Error(`training failed at step ${last}`);
    if (status === 'done') return;
    const step = Number(await w.getAttribute('data-step'));
    if (step > last) {
      last = step;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`training stalled at step ${last} of ${budget} (no progress for ${stallMs / 1000} s; status ${status})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The first snapshot of a fresh run (step 0): an untrained ε_θ, whose samples are worse than a Gaussian's. */
async function untrained(w: Locator): Promise<Energy> {
  const readout = w.getByTestId('ddm-energy');
  await readout.waitFor({ timeout: 30_000 });
  await waitForAttr(readout, 'data-step', (s) => s === '0', 30_000);
  return (await energy(w))!;
}

/** Sum and spread of a canvas's red channel: a cheap fingerprint of what is drawn. */
async function canvasFingerprint(canvas: Locator): Promise<{ hash: number; lo: number; hi: number; dark: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    let lo = 255;
    let hi = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 1_000_000_007;
      lo = Math.min(lo, data[i]);
      hi = Math.max(hi, data[i]);
      if (data[i] < 128) dark++;
    }
    return { hash, lo, hi, dark: dark / (data.length / 4) };
  });
}

describe('diffusion trainer (chapter 8)', () => {
  it('trains on two moons until its samples are closer to held-out data than a fitted Gaussian', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, 'ch8-train');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded(); // off-screen widgets get no snapshots
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 30_000);
    const start = await untrained(w);
    // Not vacuous: the untrained model starts worse than the baseline, and the floor (a second
    // held-out sample) is far below both.
    expect(start.model).toBeGreaterThan(start.gaussian);
    expect(start.floor).toBeLessThan(start.gaussian / 3);
    // Measured (2 cores, wasm in the worker): 3.2-7.7 s of training (steps 290-1380), 10-16 s for the whole test.
    const { last } = await trainUntilBeatsGaussian(page, w, 25_000);
    expect(last.model).toBeLessThan(last.gaussian);
    // The attributes are the numbers the reader sees.
    await button(w, 'Pause').click();
    await waitForAttr(w, 'data-status', (s) => s === 'paused');
    const shown = await energy(w);
    const text = await w.getByTestId('ddm-energy').innerText();
    expect(text).toContain(`model ${formatEnergy(shown!.model)}`);
    expect(text).toContain(`Gaussian fit ${formatEnergy(shown!.gaussian)}`);
    expect(await status(w)).not.toBe('error');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 45_000);

  it('trains on two separated arcs drawn with the mouse until it beats a Gaussian fitted to them', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, 'ch8-train');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 30_000);
    await button(w, 'Draw points').click();
    const area = w.getByRole('img', { name: /Drawing area/ });
    await area.waitFor();
    const box = (await area.boundingBox())!;
    // Two arcs far apart, "(  )": the fitted Gaussian puts much of its mass in the empty middle.
    // Each arc is three press-and-drag strokes at slightly different radii (a stroke of some width);
    // the plot adds a point every few pixels along a drag.
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = box.width * 0.14;
    const stroke = async (ox: number, radius: number, from: number, to: number) => {
      const at = (a: number) => [ox + radius * Math.cos(a), cy - radius * Math.sin(a)] as const;
      await page.mouse.move(...at(from));
      await page.mouse.down();
      for (let k = 1; k <= 80; k++) await page.mouse.move(...at(from + ((to - from) * k) / 80));
      await page.mouse.up();
    };
    for (const dr of [-5, 0, 5]) {
      await stroke(cx - box.width * 0.28, r + dr, Math.PI / 2, (3 * Math.PI) / 2);
      await stroke(cx + box.width * 0.28, r + dr, -Math.PI / 2, Math.PI / 2);
    }
    const counted = await w.getByText(/points drawn/).innerText();
    const drawnCount = Number(/(\d+) points drawn/.exec(counted)?.[1]);
    expect(drawnCount).toBeGreaterThan(100);
    await button(w, 'Train on these points').click();
    await area.waitFor({ state: 'detached' });
    // The run restarts on the drawn set: held-out points are the drawn points themselves, so the floor is 0.
    const start = await untrained(w);
    expect(start.floor).toBe(0);
    expect(start.model).toBeGreaterThan(start.gaussian);
    // Measured: 2.0-2.6 s of training, 16-22 s for the whole test (most of it the mouse strokes).
    const { last } = await trainUntilBeatsGaussian(page, w, 10_000);
    expect(last.floor).toBe(0);
    expect(last.model).toBeLessThan(last.gaussian);
    // The readout says why there is no floor here, rather than showing a meaningless 0.
    expect(await w.getByTestId('ddm-energy').innerText()).toMatch(/Your points are both the training data and the reference/);
    expect(await w.getByRole('img', { name: /samples from the diffusion model/ }).count()).toBe(1);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 60_000);
});

interface ChainReadout {
  t: number;
  step: number;
  meanX: number;
  meanY: number;
  sdX: number;
  sdY: number;
  energy: number;
  gaussian: number;
}

async function chainReadout(w: Locator): Promise<ChainReadout> {
  const r = w.getByTestId('ddm-sampler-readout');
  const get = async (name: string) => Number(await r.getAttribute(`data-${name}`));
  return {
    t: await get('t'),
    step: await get('step'),
    meanX: await get('mean-x'),
    meanY: await get('mean-y'),
    sdX: await get('sd-x'),
    sdY: await get('sd-y'),
    energy: await get('energy'),
    gaussian: await get('gaussian'),
  };
}

describe('diffusion sampler (chapter 8)', () => {
  it('opens on the shipped model: scrubbing t goes from noise N(0, I) at t = T to the moons at t = 0 with no training', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, 'ch8-sampler');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    const readout = w.getByTestId('ddm-sampler-readout');
    await readout.waitFor({ timeout: 60_000 });
    const atZero = await chainReadout(w);
    expect(atZero.step).toBe(0);
    expect(Number(await readout.getAttribute('data-pretrained-steps'))).toBeGreaterThan(0);
    expect(await w.getByTestId('ddm-sampler-status').innerText()).toMatch(/shipped \+ 0 training steps/);
    // the moons (standardized) are about 1.7 times as wide as tall, and closer to held-out points than a fitted Gaussian
    expect(atZero.energy).toBeLessThan(atZero.gaussian);
    expect(atZero.sdX / atZero.sdY).toBeGreaterThan(1.4);

    const slider = w.getByRole('slider', { name: 'Timestep t of the reverse chain' });
    const T = Number(await slider.getAttribute('max'));
    await slider.focus();
    await page.keyboard.press('End');
    await waitForAttr(readout, 'data-t', (t) => t === String(T));
    const atT = await chainReadout(w);
    for (const sd of [atT.sdX, atT.sdY]) {
      expect(sd).toBeGreaterThan(0.85);
      expect(sd).toBeLessThan(1.15);
    }
    expect(atT.energy).toBeGreaterThan(2 * atZero.energy);

    // "Train from scratch" starts from random weights: the readout says so until trained
    await w.getByRole('button', { name: 'Train from scratch' }).click();
    await waitForAttr(readout, 'data-pretrained-steps', (v) => v === '0', 30_000);
    await expect(w.getByRole('button', { name: 'Back to the shipped weights' }).count()).resolves.toBe(1);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 180_000); // 95 s in all with the shared machine under a load of 25 (the chain shows in 10-35 s)

  it('trained from scratch, scrubs the reverse chain: noise N(0, I) at t = T, data-like samples at t = 0, a different picture for each', async () => {
    const BUDGET = 1000;
    const { page, context, problems } = await openPage(`${CHAPTER}?ch8-sampler.steps=${BUDGET}&ch8-sampler.pretrained=false`);
    const w = widget(page, 'ch8-sampler');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 60_000);
    const readout = w.getByTestId('ddm-sampler-readout');
    await readout.waitFor({ timeout: 60_000 });
    // Train the whole (shortened) step budget: the learning rate decays over its last fifth, so the
    // final model is steadier than one stopped mid-run, and the final snapshot is always fresh.
    const started = Date.now();
    await button(w, 'Play').click();
    // Measured: 5.8-13.3 s of training (2 cores, wasm in the worker); the whole test 11-20 s, but
    // near 60 s when the shared machine is loaded. No fixed deadline on training, then: it may take
    // as long as it needs while the step counter moves, and fails at once on an error or a stall.
    await trainToEnd(w, BUDGET, 20_000);
    await waitForAttr(readout, 'data-step', (s) => s === String(BUDGET), 30_000);
    console.log(`ddm-sampler: ${BUDGET} steps trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const slider = w.getByRole('slider', { name: 'Timestep t of the reverse chain' });
    const T = Number(await slider.getAttribute('max'));
    expect(T).toBe(100);
    const chart = w.getByRole('img', { name: /Reverse chain at t = / });
    const atZero = await chainReadout(w);
    const pictureAtZero = await canvasFingerprint(chart);
    // Like the data: closer to held-out points than a fitted Gaussian, and as the two moons are
    // (standardized), about 1.7 times as wide as tall; N(0, I) noise is as wide as tall.
    expect(atZero.energy).toBeLessThan(atZero.gaussian);
    expect(atZero.sdX / atZero.sdY).toBeGreaterThan(1.4);

    await slider.focus();
    await page.keyboard.press('End');
    await waitForAttr(readout, 'data-t', (t) => t === String(T));
    const atT = await chainReadout(w);
    expect(await readout.innerText()).toMatch(new RegExp(`^xt at t = ${T}: mean`));
    expect(await w.getByText(`t = ${T}`, { exact: true }).count()).toBeGreaterThan(0);
    expect(await chart.getAttribute('aria-label')).toMatch(new RegExp(`^Reverse chain at t = ${T} of ${T}`));
    // x_T ~ N(0, I): with 400 points the sample mean is within ±0.2 and each standard deviation
    // within 1 ± 0.15 (both over 4 standard errors).
    expect(Math.abs(atT.meanX)).toBeLessThan(0.2);
    expect(Math.abs(atT.meanY)).toBeLessThan(0.2);
    for (const sd of [atT.sdX, atT.sdY]) {
      expect(sd).toBeGreaterThan(0.85);
      expect(sd).toBeLessThan(1.15);
    }
    expect(atT.sdX / atT.sdY).toBeLessThan(1.2);
    expect(atT.energy).toBeGreaterThan(2 * atZero.energy);
    expect((await canvasFingerprint(chart)).hash).not.toBe(pictureAtZero.hash);

    // One key press is one timestep; Home goes back to the very same picture and numbers.
    await page.keyboard.press('ArrowLeft');
    await waitForAttr(readout, 'data-t', (t) => t === String(T - 1));
    await page.keyboard.press('Home');
    await waitForAttr(readout, 'data-t', (t) => t === '0');
    expect(await chainReadout(w)).toEqual(atZero);
    expect((await canvasFingerprint(chart)).hash).toBe(pictureAtZero.hash);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
    // Measured at a load of 10 on the 2 shared cores: 82 s in all, 30 s of it training (quiet: 11-20 s);
    // so the same 180 s as the test above. A stall or an error still fails fast, in trainToEnd.
  }, 180_000);
});

describe('diffusion model of digits (chapter 8)', () => {
  it('loads the shipped weights and shows sampled digits with ink on a background, and new samples on request', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, 'ch8-digits');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded(); // off-screen widgets get no snapshots
    const grid = w.getByRole('img', { name: /digits sampled from the diffusion model/ });
    await grid.waitFor({ timeout: 30_000 });
    const status = w.getByTestId('ddm-digits-status');
    const shipped = /shipped weights \((\d+) steps\)/.exec(await status.innerText());
    expect(Number(shipped?.[1])).toBeGreaterThan(0);
    expect(await status.innerText()).toContain('28×28 U-Net'); // the U-Net is the default …
    expect(await status.innerText()).toMatch(/DDIM, η = 0, 25 network calls/); // … sampled by DDIM on 25 steps
    // The canvas is painted on the next frame after the snapshot arrives.
    let first = await canvasFingerprint(grid);
    for (const until = Date.now() + 10_000; first.hi - first.lo <= 100 && Date.now() < until; ) {
      await page.waitForTimeout(200);
      first = await canvasFingerprint(grid);
    }
    // Some ink and some background: a picture, not a blank or saturated canvas.
    expect(first.hi - first.lo).toBeGreaterThan(100);
    expect(first.dark).toBeGreaterThan(0.03);
    expect(first.dark).toBeLessThan(0.97);
    await w.getByRole('button', { name: 'New samples' }).click();
    const deadline = Date.now() + 60_000;
    while ((await canvasFingerprint(grid)).hash === first.hash) {
      if (Date.now() > deadline) throw new Error('"New samples" drew nothing new');
      await page.waitForTimeout(250);
    }
    // The 14×14 model is one select away, and its own shipped weights load
    await w.getByLabel('Model', { exact: true }).selectOption('14');
    await page.waitForFunction(() => /14×14/.test(document.querySelector('[data-testid="ddm-digits-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(page.url()).toContain('model=14');
    // The ancestral sampler is one select away, a live parameter (no reload of the weights), kept in the URL
    const ancestralStatus = () => /ancestral, \d+ network calls/.test(document.querySelector('[data-testid="ddm-digits-status"]')?.textContent ?? '');
    await w.getByLabel('Sampler', { exact: true }).selectOption('ancestral');
    await page.waitForFunction(ancestralStatus, null, { timeout: 60_000 });
    expect(page.url()).toContain('sampler=ancestral');
    await page.reload();
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    expect(await w.getByLabel('Sampler', { exact: true }).inputValue()).toBe('ancestral');
    await page.waitForFunction(ancestralStatus, null, { timeout: 60_000 });
    expect(await w.getByTestId('ddm-digits-status').innerText()).toContain('14×14');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 210_000); // the U-Net: 25 DDIM calls on 16 digits (~8 s at a load of 8), twice; then the 14×14 model twice

  it('offers the U-Net, kept in the URL: from scratch it samples 28×28 digits by DDIM and trains live', async () => {
    // From scratch on a short schedule, so the test needs no shipped U-Net file and samples in seconds
    const url = `${CHAPTER}?ch8-digits.model=unet&ch8-digits.pretrained=false&ch8-digits.T=10&ch8-digits.sampler=ddim&ch8-digits.ddimSteps=4&ch8-digits.batch=8`;
    const { page, context, problems } = await openPage(url);
    const w = widget(page, 'ch8-digits');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    expect(await w.getByLabel('Model', { exact: true }).inputValue()).toBe('unet');
    const status = w.getByTestId('ddm-digits-status');
    await status.waitFor({ timeout: 90_000 });
    const text = await status.innerText();
    expect(text).toContain('28×28 U-Net');
    expect(text).toMatch(/DDIM, η = 0, 4 network calls/);
    expect(text).not.toContain('shipped weights');
    expect(await w.getByRole('button', { name: 'Back to the shipped weights' }).count()).toBe(1);
    // the MLPs' width does not apply to the U-Net
    expect(await w.getByLabel(/Hidden units/).count()).toBe(0);
    const grid = w.getByRole('img', { name: /digits sampled from the diffusion model/ });
    await grid.waitFor({ timeout: 30_000 });
    // Live training: Play takes Adam steps of the U-Net (its explicit backward pass in the worker)
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (v) => Number(v) >= 2, 120_000);
    await button(w, 'Pause').click();
    await waitForAttr(w, 'data-status', (v) => v === 'paused' || v === 'done');
    expect(Number.isFinite((await metrics(w)).loss)).toBe(true);
    expect(await w.getByLabel('Model', { exact: true }).inputValue()).toBe('unet');
    expect(page.url()).toContain('ch8-digits.pretrained=false');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('latent diffusion (chapter 8)', () => {
  it('opens on the shipped code model: reconstructions, VAE prior samples and latent samples as pictures; new samples on request', async () => {
    const { page, context, problems } = await openPage(CHAPTER);
    const w = widget(page, 'ch8-latent');
    await w.waitFor({ timeout: 60_000 });
    await w.scrollIntoViewIfNeeded();
    // the worker encodes the 9,000 training digits first: 40-50 s with the shared machine under a load of 25
    const status = w.getByTestId('ddm-latent-status');
    await status.waitFor({ timeout: 150_000 });
    expect(Number(await status.getAttribute('data-pretrained-steps'))).toBeGreaterThan(0);
    const grids = ['reconstructions of training digits', "digits decoded from the VAE's prior", 'digits decoded from latent-diffusion samples'].map((name) =>
      w.getByRole('img', { name: new RegExp(name) }),
    );
    const prints = [];
    for (const grid of grids) {
      let f = await canvasFingerprint(grid);
      for (const until = Date.now() + 10_000; f.hi - f.lo <= 100 && Date.now() < until; ) {
        await page.waitForTimeout(200);
        f = await canvasFingerprint(grid);
      }
      expect(f.hi - f.lo).toBeGreaterThan(100);
      expect(f.dark).toBeGreaterThan(0.03);
      expect(f.dark).toBeLessThan(0.97);
      prints.push(f.hash);
    }
    await w.getByRole('button', { name: 'New samples' }).click();
    const deadline = Date.now() + 60_000;
    while ((await canvasFingerprint(grids[2])).hash === prints[2]) {
      if (Date.now() > deadline) throw new Error('"New samples" drew no new latent samples');
      await page.waitForTimeout(250);
    }
    // the reconstructions are of fixed digits: they stay
    expect((await canvasFingerprint(grids[0])).hash).toBe(prints[0]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
