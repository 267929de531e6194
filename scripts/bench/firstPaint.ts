/**
 * First contentful paint of a chapter with and without prerendering, in one run. The bench site is
 * prerendered (the default build); the "client-rendered" page is the same HTML with the root
 * emptied (scripts/site/prerender.ts `withoutPrerenderedRoot`, exactly what BOOK_PRERENDER=0
 * writes), served in its place through the browser's request routing, same origin, same headers,
 * same warm cache. The two alternate, so drift in the shared machine's load hits both.
 * Also: when the chapter's first paragraph is in the document (ms from navigation start).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { withoutPrerenderedRoot } from '../site/prerender';
import { percentile } from './stats';
import type { BenchContext, BenchEntry } from './types';

const ROUNDS = 7;

async function measure(page: Page, url: string): Promise<{ fcp: number; prose: number }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __proseAt?: number };
    const check = () => {
      if (w.__proseAt === undefined && document.querySelector('.prose > p')) w.__proseAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.prose > p').first().waitFor({ timeout: 60_000 });
  return page.evaluate(
    () =>
      new Promise<{ fcp: number; prose: number }>((resolve) => {
        const prose = (window as unknown as { __proseAt?: number }).__proseAt ?? NaN;
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (entry) resolve({ fcp: entry.startTime, prose });
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

export const firstPaint: BenchEntry = {
  name: 'first-paint',
  async run(ctx: BenchContext) {
    const chapters = JSON.parse(readFileSync(path.join(ctx.root, 'chapters/manifest.json'), 'utf8')) as Array<{ slug: string }>;
    const slug = chapters[1]?.slug ?? chapters[0].slug;
    const html = readFileSync(path.join(ctx.siteDir, slug, 'index.html'), 'utf8');
    if (!html.includes('data-prerendered')) throw new Error('the bench site was built without prerendering (BOOK_PRERENDER=0?)');
    const bare = withoutPrerenderedRoot(html);
    const url = `${ctx.baseURL}/${slug}/`;
    const runs: Record<'prerendered' | 'client', { fcp: number[]; prose: number[] }> = {
      prerendered: { fcp: [], prose: [] },
      client: { fcp: [], prose: [] },
    };
    // One warm-up load of each fills the HTTP cache for both.
    for (let round = -1; round < ROUNDS; round++) {
      const order: Array<'prerendered' | 'client'> = round % 2 === 0 ? ['prerendered', 'client'] : ['client', 'prerendered'];
      for (const variant of order) {
        const page = await ctx.newPage();
        if (variant === 'client') {
          await page.route(url, async (route) => route.fulfill({ response: await route.fetch(), body: bare }));
        }
        const { fcp, prose } = await measure(page, url);
        await page.close();
        if (round >= 0) {
          runs[variant].fcp.push(fcp);
          runs[variant].prose.push(prose);
        }
      }
    }
    const pre = percentile(runs.prerendered.fcp, 0.5);
    const client = percentile(runs.client.fcp, 0.5);
    return {
      chapter: slug,
      rounds: ROUNDS,
      fcp_prerendered_ms: pre,
      fcp_client_rendered_ms: client,
      fcp_ratio_client_over_prerendered: client / pre,
      prose_in_dom_prerendered_ms: percentile(runs.prerendered.prose, 0.5),
      prose_in_dom_client_rendered_ms: percentile(runs.client.prose, 0.5),
    };
  },
};
