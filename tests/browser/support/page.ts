/**
 * One browser per test file; each `openPage` records what a reader would call a defect:
 * console errors, uncaught exceptions, failed requests, any request that leaves the
 * page's own origin (those are blocked and reported), and every Content-Security-Policy
 * violation (the page's securitypolicyviolation events, and CSP reports on the console from the
 * page or its workers).
 */
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS } from './chrome';

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  offOrigin: string[];
  failedRequests: string[];
  cspViolations: string[];
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  problems: PageProblems;
}

let browser: Browser | null = null;

export async function getBrowser(): Promise<Browser> {
  if (!browser) {
    browser = await chromium.launch({ executablePath: inject('chromePath'), headless: true, args: CHROME_ARGS });
  }
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export function baseURL(): string {
  return inject('baseURL');
}

export async function openPage(
  pathAndQuery: string,
  opts: {
    viewport?: { width: number; height: number };
    reducedMotion?: 'reduce' | 'no-preference';
    /** A phone: mobile viewport rules (the meta viewport applies), touch, a 3× screen. */
    phone?: boolean;
    /**
     * The book's service worker (README "Offline") is blocked unless a test asks for it: the
     * other tests measure a page as the host serves it, without every context precaching the
     * whole book in the background. tests/browser/offline.test.ts allows it.
     */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<OpenedPage> {
  const b = await getBrowser();
  const origin = baseURL();
  const context = await b.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    reducedMotion: opts.reducedMotion ?? 'no-preference',
    serviceWorkers: opts.serviceWorkers ?? 'block',
    ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {}),
  });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], offOrigin: [], failedRequests: [], cspViolations: [] };
  await page.exposeFunction('__bookCspViolation', (report: string) => problems.cspViolations.push(report));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __bookCspViolation: (r: string) => void }).__bookCspViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.offOrigin.push(url);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) problems.cspViolations.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(origin)) problems.failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  await page.goto(origin + pathAndQuery, { waitUntil: 'load' });
  return { page, context, problems };
}

/** Scrolls through the whole page so lazy widgets mount (they load when near the viewport). */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight * 0.8);
    for (let y = 0; y < document.body.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
}
