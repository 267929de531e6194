/**
 * Prerendered pages (scripts/site/prerender.ts): every chapter, the notation page and the
 * whole-book print page arrive as HTML with their prose and KaTeX-typeset equations, read
 * completely without JavaScript (each widget a still with its title, caption and a note), and
 * hydrate in the browser with no console error or warning, keeping the server's DOM (a mismatch
 * would make React replace it). What the tests expect is read from the MDX sources and the
 * manifest, not from the renderer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { bookPages, chapters } from './support/manifest';
import { displayMathCount, firstProseWords, widgetCount } from './support/chapterSource';
import { baseURL, closeBrowser, getBrowser } from './support/page';

afterAll(closeBrowser);

const pages = [
  ...chapters().map((c) => ({ slug: c.slug, file: c.file, title: c.title, number: c.number as number | undefined })),
  ...bookPages().map((p) => ({ slug: p.slug, file: p.file, title: p.title, number: undefined })),
];

/** The text of an HTML string as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');
}

function rootOf(html: string): string {
  const start = html.indexOf('<div id="root" data-prerendered="">');
  return start < 0 ? '' : html.slice(start, html.indexOf('</body>'));
}

describe('prerendered HTML', () => {
  it('each page, fetched as plain HTTP, holds its title, first paragraph, typeset equations and no script', async () => {
    for (const p of pages) {
      const html = await (await fetch(`${baseURL()}/${p.slug}/`)).text();
      const root = rootOf(html);
      expect(root, `${p.slug}: no prerendered root`).not.toBe('');
      const text = htmlText(root);
      expect(text, p.slug).toContain(p.title);
      expect(text, p.slug).toContain(firstProseWords(p.file));
      // KaTeX's HTML and its MathML copy: typeset at build time, not by a script in the browser.
      expect((root.match(/class="katex"/g) ?? []).length, p.slug).toBeGreaterThan(3);
      expect((root.match(/class="katex-display"/g) ?? []).length, p.slug).toBeGreaterThanOrEqual(displayMathCount(p.file));
      expect(root, p.slug).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
      if (p.number !== undefined) expect(text, p.slug).toContain(`(${p.number}.1)`);
      expect(root, p.slug).not.toMatch(/<script\b/);
      expect(root, p.slug).not.toContain('katex-error');
    }
  });

  it('the front page is prerendered and 404.html is the empty shell (it answers any path)', async () => {
    const home = await (await fetch(`${baseURL()}/`)).text();
    for (const c of chapters()) expect(htmlText(rootOf(home))).toContain(c.title);
    const missing = await fetch(`${baseURL()}/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<div id="root"></div>');
  });

  it('the whole-book print page holds every chapter, in order, then the notation page', async () => {
    const html = rootOf(await (await fetch(`${baseURL()}/print/`)).text());
    const parts = [...html.matchAll(/data-print-part="([^"]+)"/g)].map((m) => m[1]);
    expect(parts).toEqual(pages.map((p) => p.slug));
    const text = htmlText(html);
    let at = 0;
    for (const p of pages) {
      const found = text.indexOf(p.title, at);
      expect(found, `${p.title} after position ${at}`).toBeGreaterThan(-1);
      expect(text).toContain(firstProseWords(p.file));
      at = found;
    }
    // Widgets are stills with their titles and captions, never live frames.
    expect(html).not.toContain('data-widget="');
  });
});

describe('without JavaScript', () => {
  it('every chapter reads completely: prose, equations, and a still with a note in each widget’s place', async () => {
    const context = await (await getBrowser()).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const p of pages) {
        await page.goto(`${baseURL()}/${p.slug}/`);
        await expect(page.locator('h1').first().innerText()).resolves.toContain(p.title);
        // textContent, not innerText: off-screen prose has content-visibility: auto (styles/prose.css),
        // and Chromium leaves skipped content out of innerText although a reader scrolling gets it.
        const body = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
        expect(body, p.slug).toContain(firstProseWords(p.file));
        if (p.number !== undefined) expect(body, p.slug).toContain(`(${p.number}.1)`);
        expect(await page.locator('.katex-display').count(), p.slug).toBeGreaterThanOrEqual(displayMathCount(p.file));
        const widgets = widgetCount(p.file);
        await expect(page.locator('.widget-still').count(), p.slug).resolves.toBe(widgets);
        if (widgets > 0) {
          // Each still names its figure (the widget's own title) and says the live figure needs JavaScript.
          const titles = await page.locator('.widget-still .widget-still-title').allInnerTexts();
          expect(titles.length, p.slug).toBe(widgets);
          for (const t of titles) expect(t, p.slug).not.toMatch(/^\s*$|Interactive figure “/);
          const notes = await page.locator('.widget-still .widget-still-note').allInnerTexts();
          expect(notes.length, p.slug).toBe(widgets);
          for (const n of notes) expect(n).toMatch(/needs JavaScript|when JavaScript is on/);
        }
        expect(await page.locator('.loading, .widget-placeholder, .computed-loading').count(), p.slug).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});

/**
 * Console lines this test itself causes: service workers are blocked (each context would precache
 * the whole book otherwise), and the page says offline support is unavailable. Nothing else is excused.
 */
const BLOCKED_SERVICE_WORKER = /^warning: (Service Worker registration blocked by Playwright|Offline support is unavailable)/;

/**
 * Opens `path` in a fresh context, waits until the page has hydrated, and returns the console's
 * errors and warnings (less the service-worker lines above) and how many server nodes React replaced.
 */
async function hydrate(path: string, waitForSidebar: boolean, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const context = await (await getBrowser()).newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
  try {
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => messages.push(`pageerror: ${String(e)}`));
    // Before the bundle runs (readyState "interactive" precedes deferred and module scripts), tag
    // the server's nodes; React keeps them when hydration matches and replaces them when not.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        for (const el of document.querySelectorAll('h1, .prose > p, .equation')) (el as unknown as { __server: boolean }).__server = true;
      });
    });
    await page.goto(`${baseURL()}${path}`);
    // Hydrated: the chapter reported its sections to the sidebar (a layout effect inside the
    // hydrated body), the computed numbers resolved, and the live widgets replaced the stills.
    if (waitForSidebar) {
      await page.locator('#sidebar .sidebar-sections').waitFor({ state: 'attached', timeout: 120_000 });
      await expect.poll(() => page.locator('.widget-still').count(), { timeout: 60_000 }).toBe(0);
    }
    await expect.poll(() => page.locator('.computed-loading, .loading').count(), { timeout: 60_000 }).toBe(0);
    await page.waitForTimeout(1000);
    const kept = await page.evaluate(() =>
      [...document.querySelectorAll('h1, .prose > p, .equation')].map((el) => (el as unknown as { __server?: boolean }).__server === true),
    );
    // The theme toggle offers the other theme once the client's own theme has replaced the server's 'light'.
    const themeToggle = await page.locator('.theme-toggle').getAttribute('aria-label');
    return { nodes: kept.length, replaced: kept.filter((k) => !k).length, themeToggle, messages: messages.filter((m) => !BLOCKED_SERVICE_WORKER.test(m)) };
  } finally {
    await context.close();
  }
}

describe('hydration', () => {
  for (const p of [...pages, { slug: 'print', file: '', title: 'From EM to Diffusion', number: undefined }]) {
    it(`/${p.slug}/ hydrates with no console error or warning and keeps the server's DOM`, async () => {
      const { nodes, replaced, messages } = await hydrate(`/${p.slug}/`, p.slug !== 'print');
      expect(nodes).toBeGreaterThan(2);
      expect(replaced, 'nodes React replaced').toBe(0);
      expect(messages).toEqual([]);
    }, 300_000);
  }

  it('a reader’s dark theme and widget settings in the URL do not disturb hydration (the server knows neither)', async () => {
    const chapter = chapters()[1];
    const { nodes, replaced, themeToggle, messages } = await hydrate(`/${chapter.slug}/?ch2-em.k=4`, true, { colorScheme: 'dark' });
    expect(themeToggle).toBe('Switch to light theme');
    expect(nodes).toBeGreaterThan(2);
    expect(replaced, 'nodes React replaced').toBe(0);
    expect(messages).toEqual([]);
  }, 300_000);
});
