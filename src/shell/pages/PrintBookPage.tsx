/**
 * The whole book on one page, for printing (`${BASE}print/`): every chapter in manifest order,
 * then the unnumbered pages, each chapter starting a new printed page (styles/print.css). Widgets
 * are stills here (their title and caption; no controls), so the page stays light enough to print.
 */
import { Suspense } from 'react';
import { chapterComponent } from '../chapterModules';
import { bookPages, chapters, type BookPage, type ChapterEntry } from '../manifest';
import { ChapterContext } from '../mdx/ChapterContext';
import { loadBibliography } from '../mdx/Citations';
import { ErrorBoundary } from '../mdx/ErrorBoundary';
import { ErrorNote } from '../mdx/ErrorNote';
import { WidgetModeContext } from '../mdx/WidgetStill';
import { PageHeading } from './PageHeading';

function PrintedPart({ entry, eyebrow, number }: { entry: ChapterEntry | BookPage; eyebrow: string; number?: number }) {
  const Content = chapterComponent(entry);
  return (
    <article className="chapter print-part" data-print-part={entry.slug}>
      <header className="page-header">
        <p className="eyebrow">{eyebrow}</p>
        <h2 className="print-part-title">{entry.title}</h2>
      </header>
      <ChapterContext value={{ slug: entry.slug, number }}>
        <div className="prose">
          <ErrorBoundary label={entry.title}>
            <Suspense fallback={<p className="loading" aria-busy="true">Loading {entry.title}…</p>}>
              {Content ? <Content /> : <ErrorNote>The file chapters/{entry.file} is missing.</ErrorNote>}
            </Suspense>
          </ErrorBoundary>
        </div>
      </ChapterContext>
    </article>
  );
}

export function PrintBookPage() {
  void loadBibliography();
  return (
    <div className="print-book">
      <header className="page-header">
        <p className="eyebrow">The whole book</p>
        <PageHeading>From EM to Diffusion</PageHeading>
        <p className="print-book-hint">Every chapter on one page: print it (Ctrl+P or ⌘P) for a PDF of the book.</p>
      </header>
      <WidgetModeContext value="still">
        {chapters.map((chapter) => (
          <PrintedPart key={chapter.slug} entry={chapter} eyebrow={`Chapter ${chapter.number}`} number={chapter.number} />
        ))}
        {bookPages.map((page) => (
          <PrintedPart key={page.slug} entry={page} eyebrow="Reference" />
        ))}
      </WidgetModeContext>
    </div>
  );
}
