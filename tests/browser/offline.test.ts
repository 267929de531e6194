/**
 * Offline (README "Offline"): the service worker precaches the whole book on the first visit;
 * with the network off every chapter and the notation page reload from it, cross-origin
 * isolated and under the page's CSP, and a widget that needs the weights, the MNIST digits and
 * tfjs's wasm trains; a new deployment's worker waits and the page offers a reload.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bookPages, chapters } from './support/manifest';
import { baseURL, closeBrowser, getBrowser, openPage, type OpenedPage, type PageProblems } from './support/page';
import { sitePolicy, startStaticServer } from './support/staticServer';
import { button, waitForAttr, widget } from './support/widget';

afterAll(closeBrowser);

const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] };

/**
 * The problems recorded since the last call, then cleared, so that each page is judged on its
 * own. Requests aborted by the page itself (net::ERR_ABORTED: the previous page's worker chunks
 * still loading when the test navigates on) are not failures; a request the offline worker could
 * not serve fails with another error and still counts.
 */
function takeProblems(problems: PageProblems): PageProblems {
  const taken = {
    consoleErrors: [...problems.consoleErrors],
    pageErrors: [...problems.pageErrors],
    offOrigin: [...problems.offOrigin],
    failedRequests: problems.failedRequests.filter((r) => !r.endsWith('net::ERR_ABORTED')),
    cspViolations: [...problems.cspViolations],
  };
  for (const list of Object.values(problems) as string[][]) list.length = 0;
  return taken;
}

const SW_FILE = 'serviceWorker.js';

/** The precache list that vite-plugin-pwa injected into the built service worker. */
function precacheEntries(swSource: string): Array<{ url: string; revision: string | null }> {
  return [...swSource.matchAll(/\{"revision":(null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)].map((m) => ({
    url: m[2],
    revision: m[1] === 'null' ? null : m[1].slice(1, -1),
  }));
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Waits until the service worker is active and controls the page (it claims it on install). */
async function controlledBySw(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

describe('the precache', () => {
  it('precaches every page, chunk, woff2 font, data file, weights file and wasm binary', () => {
    const dist = inject('distDir');
    const entries = precacheEntries(readFileSync(path.join(dist, SW_FILE), 'utf8'));
    const urls = new Set(entries.map((e) => e.url));
    expect(urls.size).toBe(entries.length); // no duplicates (Workbox refuses conflicting revisions)
    const built = filesUnder(dist);
    const expected = [
      'index.html',
      '404.html',
      'manifest.webmanifest',
      ...chapters().map((c) => `${c.slug}/index.html`),
      ...bookPages().map((p) => `${p.slug}/index.html`),
      ...built.filter((f) => /^assets\/.*\.(js|css|wasm|woff2)$/.test(f)),
      ...built.filter((f) => /^(data|weights|icons)\//.test(f) && !f.startsWith('weights/metrics/')),
    ];
    expect(expected.filter((f) => !urls.has(f))).toEqual([]);
    // Pages are precached as the build finally wrote them (prerendered), so a new deployment whose
    // only change is a page's prerendered text still changes that page's revision.
    for (const file of ['index.html', `${chapters()[0].slug}/index.html`]) {
      const revision = entries.find((e) => e.url === file)?.revision;
      expect(revision, file).toBe(createHash('md5').update(readFileSync(path.join(dist, file))).digest('hex'));
    }
    expect(built.filter((f) => f.endsWith('.wasm'))).toHaveLength(3);
    expect(built.filter((f) => /^data\/(mnist10k|sotu-bow)\.bin$/.test(f))).toHaveLength(2);
    // Nothing precached that a reader never fetches (the classifier's weights serve the command line only).
    expect(built.filter((f) => f.startsWith('weights/metrics/')).length).toBeGreaterThan(0);
    expect([...urls].filter((u) => /\.(map|woff|ttf)$/.test(u) || u === '_headers' || u.startsWith('weights/metrics/'))).toEqual([]);
    // The worker serves the pages' own policy as a header (src/sw/isolationHeaders.ts), so workers
    // loaded from the cache are under it too.
    const policy = sitePolicy(dist);
    expect(policy).toContain("default-src 'self'");
    expect(readFileSync(path.join(dist, SW_FILE), 'utf8')).toContain(policy);
    const bytes = [...urls].reduce((s, u) => s + readFileSync(path.join(dist, u)).length, 0);
    console.info(`precache: ${urls.size} files, ${(bytes / 1e6).toFixed(1)} MB`);
  });

});

describe('offline: after one visit, with the network off', () => {
  let opened: OpenedPage;

  beforeAll(async () => {
    opened = await openPage('/', { serviceWorkers: 'allow' });
    await controlledBySw(opened.page);
    await opened.context.setOffline(true);
  }, 300_000);
  afterAll(() => opened?.context.close());

  it('the network is off: a file the worker does not precache cannot be fetched', async () => {
    const status = await opened.page.evaluate(async () => {
      try {
        return (await fetch('/serviceWorker.js.map')).status;
      } catch {
        return 'failed';
      }
    });
    expect(status).toBe('failed');
    // That refused request is the only one: take it off the record the later tests check.
    expect(opened.problems.failedRequests).toEqual([expect.stringContaining('/serviceWorker.js.map')]);
    opened.problems.failedRequests.length = 0;
    opened.problems.consoleErrors = opened.problems.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
  });

  const pages = [
    ...chapters().map((c) => ({ slug: c.slug, title: c.title, name: `chapter ${c.number}` })),
    ...bookPages().map((p) => ({ slug: p.slug, title: p.title, name: `the ${p.title.toLowerCase()} page` })),
  ];
  for (const p of pages) {
    it(`${p.name} reloads from the service worker with its text, cross-origin isolated, with no CSP violation`, async () => {
      const { page, problems } = opened;
      takeProblems(problems);
      await page.goto(`${baseURL()}/${p.slug}/`, { waitUntil: 'load' });
      await page.locator('.prose .katex').first().waitFor({ timeout: 120_000 });
      await expect(page.locator('h1').first().innerText()).resolves.toContain(p.title);
      const state = await page.evaluate(() => ({
        isolated: window.crossOriginIsolated,
        controlled: navigator.serviceWorker.controller !== null,
        words: (document.querySelector('.prose')?.textContent ?? '').split(/\s+/).length,
      }));
      expect(state).toMatchObject({ isolated: true, controlled: true });
      expect(state.words).toBeGreaterThan(500);
      expect(takeProblems(problems)).toEqual(NO_PROBLEMS);
    }, 180_000);
  }

  it('search works offline: its dialog, MiniSearch and the index come from the precache', async () => {
    const { page, problems } = opened;
    takeProblems(problems);
    await page.goto(`${baseURL()}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Search the book' }).click();
    await page.getByRole('combobox', { name: 'Search the book' }).fill('posterior collapse');
    await page.getByRole('option').first().waitFor({ timeout: 60_000 });
    await expect(page.getByRole('option').count()).resolves.toBeGreaterThan(0);
    expect(takeProblems(problems)).toEqual(NO_PROBLEMS);
  }, 180_000);

  it("chapter 7's VAE loads its weights, the MNIST digits and tfjs from the precache, and trains", async () => {
    const { page, problems } = opened;
    takeProblems(problems);
    await page.goto(`${baseURL()}/variational-autoencoder/`, { waitUntil: 'load' });
    const w = widget(page, 'ch7-vae-train');
    await w.waitFor({ timeout: 120_000 });
    await w.scrollIntoViewIfNeeded();
    // The pretrained model's held-out ELBO needs the weights and the held-out digits.
    await expect.poll(() => w.getByTestId('vae-train-readout').innerText(), { timeout: 180_000 }).toMatch(/Held-out ELBO -?\d/);
    // The shipped model is already trained ("done"): start from scratch, as a reader would.
    await w.getByRole('button', { name: 'Train from scratch' }).click();
    await waitForAttr(w, 'data-step', (s) => Number(s) === 0);
    await waitForAttr(w, 'data-backend', (b) => b !== null && b !== '', 120_000);
    await button(w, 'Play').click();
    await waitForAttr(w, 'data-step', (s) => Number(s) >= 3, 180_000);
    expect(await w.getAttribute('data-status')).not.toBe('error');
    expect(takeProblems(problems)).toEqual(NO_PROBLEMS);
  }, 420_000);
});

describe('updates', () => {
  it("a new deployment's worker waits, the page says so, and Reload brings the new version", async () => {
    // A copy of the build on a server of its own, so the test can deploy "a new version" to it.
    // The notation page, not a chapter: with the CPU saturated by other tests, a chapter page's
    // widgets (a hundred chunks through the worker) kept the old worker starved for minutes, and
    // a waiting worker cannot take over from a busy one (handover.ts falls back to a reload).
    const root = path.join(inject('distDir'), '..', 'offline-update-dist');
    rmSync(root, { recursive: true, force: true });
    cpSync(inject('distDir'), root, { recursive: true });
    const { server, url } = await startStaticServer(root);
    const context = await (await getBrowser()).newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(m.text())) errors.push(m.text());
    });
    try {
      await page.goto(`${url}/notation/`);
      await controlledBySw(page);
      await page.reload(); // a second visit, served by the worker
      await page.locator('.prose .katex').first().waitFor({ timeout: 60_000 });
      await expect(page.locator('[data-update-notice]').count()).resolves.toBe(0);

      // Deploy: a changed page, and the worker that lists its new revision (as a build would write it).
      const index = path.join(root, 'notation/index.html');
      writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '<meta name="book-build" content="second" />\n  </head>'));
      const swFile = path.join(root, SW_FILE);
      const sw = readFileSync(swFile, 'utf8');
      const entry = precacheEntries(sw).find((e) => e.url === 'notation/index.html');
      expect(entry?.revision).toBeTruthy();
      writeFileSync(swFile, sw.replace(`"revision":"${entry!.revision}","url":"notation/index.html"`, `"revision":"second","url":"notation/index.html"`));

      // The browser looks for a new worker on navigation and the page hourly; here, now.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const notice = page.locator('[data-update-notice]');
      await notice.waitFor({ timeout: 60_000 });
      await expect(notice.innerText()).resolves.toMatch(/New version available/);
      await expect(page.locator('meta[name="book-build"]').count()).resolves.toBe(0); // still the old page

      await notice.getByRole('button', { name: 'Reload' }).click();
      // The waiting worker takes over and the page reloads itself into the new version.
      try {
        await expect.poll(() => page.locator('meta[name="book-build"]').count(), { timeout: 180_000 }).toBe(1);
      } catch (error) {
        // Say where the hand-over stopped: a worker still waiting, or one active but no reload.
        const workers = await page
          .evaluate(async () => {
            const r = await navigator.serviceWorker.getRegistration();
            return JSON.stringify({ active: r?.active?.state, waiting: r?.waiting?.state, installing: r?.installing?.state, controlled: !!navigator.serviceWorker.controller });
          })
          .catch((e: unknown) => `unreadable (${String(e)})`);
        throw new Error(`${String(error)}; service workers after Reload: ${workers}`, { cause: error });
      }
      await page.locator('.prose .katex').first().waitFor({ timeout: 120_000 });
      await expect(page.locator('meta[name="book-build"]').getAttribute('content')).resolves.toBe('second');
      await expect(page.locator('[data-update-notice]').count()).resolves.toBe(0);
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
