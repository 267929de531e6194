/**
 * First contentful paint of a chapter with and without prerendering, in one run. The bench site is
 * prerendered (the default build); the "client-rendered" page is the same HTML with the root
 * emptied (scripts/site/prerender.ts `withoutPrerenderedRoot`, exactly what BOOK_PRERENDER=0
 * writes), served in its place through the browser's request routing, same origin, same headers,
 * same warm cache. The two alternate, so drift in the shared machine's load hits both.
 * Also: when the chapter's first paragraph is in the document, and when it is first painted (ms from
 * navigation start): the client-rendered page's first contentful paint is its header, not the chapter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { withoutPrerenderedRoot } from '../site/prerender';
import { percentile } from './stats';
import type { BenchContext, BenchEntry } from './types';

const ROUNDS = 7;

/**
 * Installed before the page's own scripts, as text: a function passed to addInitScript is
 * serialized, and under tsx it carries esbuild's `__name(…)` helper, which the page lacks (the
 * ReferenceError left both prose timings NaN). `__proseAt`: when the first paragraph is in the
 * document; `__prosePainted`: the end of the first frame after that (a task queued from that
 * frame's requestAnimationFrame runs once the frame has been painted).
 */
const PROSE_TIMING = `(() => {
  const w = window;
  const check = () => {
    if (w.__proseAt !== undefined || !document.querySelector('.prose > p')) return;
    w.__proseAt = performance.now();
    requestAnimationFrame(() => setTimeout(() => { w.__prosePainted = performance.now(); }, 0));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

interface Timing {
  fcp: number;
  prose: number;
  prosePainted: number;
}

async function measure(page: Page, url: string): Promise<Timing> {
  await page.addInitScript({ content: PROSE_TIMING });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.prose > p').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __prosePainted?: number }).__prosePainted !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(
    () =>
      new Promise<Timing>((resolve) => {
        const w = window as unknown as { __proseAt?: number; __prosePainted?: number };
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (entry) resolve({ fcp: entry.startTime, prose: w.__proseAt ?? NaN, prosePainted: w.__prosePainted ?? NaN });
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
    const runs: Record<'prerendered' | 'client', { fcp: number[]; prose: number[]; prosePainted: number[] }> = {
      prerendered: { fcp: [], prose: [], prosePainted: [] },
      client: { fcp: [], prose: [], prosePainted: [] },
    };
    // One warm-up load of each fills the HTTP cache for both.
    for (let round = -1; round < ROUNDS; round++) {
      const order: Array<'prerendered' | 'client'> = round % 2 === 0 ? ['prerendered', 'client'] : ['client', 'prerendered'];
      for (const variant of order) {
        const page = await ctx.newPage();
        if (variant === 'client') {
          await page.route(url, async (route) => route.fulfill({ response: await route.fetch(), body: bare }));
        }
        const { fcp, prose, prosePainted } = await measure(page, url);
        await page.close();
        if (round >= 0) {
          runs[variant].fcp.push(fcp);
          runs[variant].prose.push(prose);
          runs[variant].prosePainted.push(prosePainted);
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
      // The chapter's text on screen: what prerendering is for (the client-rendered page's first
      // contentful paint is its header and a "Loading the chapter…" line, not the chapter).
      prose_painted_prerendered_ms: percentile(runs.prerendered.prosePainted, 0.5),
      prose_painted_client_rendered_ms: percentile(runs.client.prosePainted, 0.5),
      prose_painted_ratio_client_over_prerendered: percentile(runs.client.prosePainted, 0.5) / percentile(runs.prerendered.prosePainted, 0.5),
    };
  },
};
