/**
 * One chapter: its heading from the manifest (with the one link to the notation page that every
 * chapter carries), the lazily loaded MDX body, previous/next links.
 * Once the body has rendered it reports its h2s to the sidebar and scrolls to the URL's #hash
 * (the target did not exist when the browser first looked for it).
 */
import { Suspense, useLayoutEffect, useRef, type RefObject } from 'react';
import { chapterComponent } from '../chapterModules';
import { NOTATION_SLUG, neighbours, type ChapterEntry } from '../manifest';
import { ChapterContext } from '../mdx/ChapterContext';
import { loadBibliography } from '../mdx/Citations';
import { ErrorBoundary } from '../mdx/ErrorBoundary';
import { ErrorNote } from '../mdx/ErrorNote';
import { chapterPath } from '../router';
import { ChapterNav } from './ChapterNav';
import { PageHeading } from './PageHeading';

export interface Section {
  id: string;
  title: string;
}

/** Heading text without KaTeX's duplicate MathML copy or the "#" anchor. */
function headingText(heading: Element): string {
  const copy = heading.cloneNode(true) as Element;
  copy.querySelectorAll('.katex-mathml, .heading-anchor').forEach((el) => el.remove());
  return (copy.textContent ?? '').trim();
}

export function AfterRender({ container, onSections }: { container: RefObject<HTMLDivElement | null>; onSections: (s: Section[]) => void }) {
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    onSections([...root.querySelectorAll('h2[id]')].map((h) => ({ id: h.id, title: headingText(h) })));
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }, [container, onSections]);
  return null;
}

export function ChapterPage({ chapter, onSections }: { chapter: ChapterEntry; onSections: (s: Section[]) => void }) {
  const body = useRef<HTMLDivElement>(null);
  const Content = chapterComponent(chapter);
  void loadBibliography(); // in parallel with the chapter's own chunk
  const { previous, next } = neighbours(chapter.slug);
  return (
    <article className="chapter" data-chapter={chapter.slug}>
      <header className="page-header">
        <p className="eyebrow">Chapter {chapter.number}</p>
        <PageHeading>{chapter.title}</PageHeading>
        <p className="page-notation">
          Symbols follow the book&rsquo;s <a href={chapterPath(NOTATION_SLUG)}>notation page</a>.
        </p>
      </header>
      <ChapterContext.Provider value={{ slug: chapter.slug, number: chapter.number }}>
        <div className="prose" ref={body}>
          <ErrorBoundary label={`Chapter ${chapter.number}`}>
            <Suspense fallback={<p className="loading" aria-busy="true">Loading the chapter…</p>}>
              {Content ? <Content /> : <ErrorNote>The file chapters/{chapter.file} is missing.</ErrorNote>}
              <AfterRender container={body} onSections={onSections} />
            </Suspense>
          </ErrorBoundary>
        </div>
      </ChapterContext.Provider>
      <ChapterNav previous={previous} next={next} />
    </article>
  );
}
