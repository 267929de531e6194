/**
 * An unnumbered page of the book (chapters/pages.json, e.g. the notation page): rendered by the same
 * MDX pipeline as a chapter, with no chapter number (so equation numbers are unprefixed) and no
 * previous/next links. Reports its h2s to the sidebar like a chapter.
 */
import { Suspense, useRef } from 'react';
import { chapterComponent } from '../chapterModules';
import type { BookPage } from '../manifest';
import { ChapterContext } from '../mdx/ChapterContext';
import { loadBibliography } from '../mdx/Citations';
import { ErrorBoundary } from '../mdx/ErrorBoundary';
import { ErrorNote } from '../mdx/ErrorNote';
import { AfterRender, type Section } from './ChapterPage';
import { PageHeading } from './PageHeading';

export function BookPageView({ page, onSections }: { page: BookPage; onSections: (s: Section[]) => void }) {
  const body = useRef<HTMLDivElement>(null);
  const Content = chapterComponent(page);
  void loadBibliography();
  return (
    <article className="chapter book-page" data-page={page.slug}>
      <header className="page-header">
        <p className="eyebrow">Reference</p>
        <PageHeading>{page.title}</PageHeading>
      </header>
      <ChapterContext.Provider value={{ slug: page.slug }}>
        <div className="prose" ref={body}>
          <ErrorBoundary label={page.title}>
            <Suspense fallback={<p className="loading" aria-busy="true">Loading the page…</p>}>
              {Content ? <Content /> : <ErrorNote>The file chapters/{page.file} is missing.</ErrorNote>}
              <AfterRender container={body} onSections={onSections} />
            </Suspense>
          </ErrorBoundary>
        </div>
      </ChapterContext.Provider>
    </article>
  );
}
