/**
 * What a prerendered page needs before it hydrates: its chapter module(s), the bibliography and
 * the computed numbers. With them loaded, the first render suspends nowhere and hydrates the whole
 * page in one pass. (A Suspense boundary left dehydrated would be rendered afresh, flashing its
 * fallback, as soon as anything above it re-rendered.)
 */
import { loadChapterModule } from './chapterModules';
import { bookPages, chapters, findChapter, findPage, PRINT_SLUG } from './manifest';
import { loadComputedRegistry } from './mdx/Computed';
import { loadBibliography } from './mdx/Citations';
import { parseRoute } from './router';

export function preloadForHydration(pathname: string): Promise<unknown> {
  const route = parseRoute(pathname);
  if (route.kind !== 'chapter') return Promise.resolve();
  const entries = route.slug === PRINT_SLUG ? [...chapters, ...bookPages] : [findChapter(route.slug) ?? findPage(route.slug)];
  const modules = entries.flatMap((entry) => (entry ? [loadChapterModule(entry)] : []));
  // A failed load is not fatal here: the page hydrates anyway and its error boundary reports it.
  return Promise.all([...modules, loadBibliography(), loadComputedRegistry()]).catch(() => undefined);
}
