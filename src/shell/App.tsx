/**
 * The book: header, chapter sidebar, and the page for the current path. Prose components reach
 * every chapter through one MDXProvider, so chapters import nothing.
 */
import { MDXProvider } from '@mdx-js/react';
import { useCallback, useEffect, useState } from 'react';
import { Header } from './layout/Header';
import { Sidebar } from './layout/Sidebar';
import { interceptLinkClicks } from './linkClicks';
import { findChapter, findPage, PRINT_SLUG } from './manifest';
import { mdxComponents } from './mdx/components';
import { BookPageView } from './pages/BookPageView';
import { ChapterPage, type Section } from './pages/ChapterPage';
import { HomePage } from './pages/HomePage';
import { UpdateNotice } from './offline/UpdateNotice';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrintBookPage } from './pages/PrintBookPage';
import { BASE, usePathname, parseRoute } from './router';

const BOOK_TITLE = 'From EM to Diffusion';

export function App() {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const chapter = route.kind === 'chapter' ? findChapter(route.slug) : undefined;
  // Unnumbered pages (the notation page) share the chapters' URL scheme: `${BASE}<slug>/`.
  const bookPage = route.kind === 'chapter' && !chapter ? findPage(route.slug) : undefined;
  const printBook = route.kind === 'chapter' && route.slug === PRINT_SLUG;
  // The drawer is open for the page it was opened on; navigating closes it.
  const [navOpenOn, setNavOpenOn] = useState<string | null>(null);
  const [sections, setSections] = useState<{ slug: string; list: Section[] } | null>(null);

  useEffect(() => interceptLinkClicks(BASE), []);

  useEffect(() => {
    if (chapter) document.title = `${chapter.number}. ${chapter.title} · ${BOOK_TITLE}`;
    else if (bookPage) document.title = `${bookPage.title} · ${BOOK_TITLE}`;
    else if (printBook) document.title = `${BOOK_TITLE}: the whole book`;
    else document.title = route.kind === 'home' ? BOOK_TITLE : `Page not found · ${BOOK_TITLE}`;
  }, [chapter, bookPage, printBook, route.kind]);

  const slug = chapter?.slug ?? bookPage?.slug;
  const reportSections = useCallback((list: Section[]) => slug && setSections({ slug, list }), [slug]);
  const closeNav = useCallback(() => setNavOpenOn(null), []);
  const navOpen = navOpenOn === pathname;

  return (
    <MDXProvider components={mdxComponents}>
      <Header navOpen={navOpen} onToggleNav={() => setNavOpenOn(navOpen ? null : pathname)} />
      <div className="layout">
        <Sidebar
          currentSlug={slug}
          isHome={route.kind === 'home'}
          sections={sections && sections.slug === slug ? sections.list : []}
          open={navOpen}
          onClose={closeNav}
        />
        <main id="main" tabIndex={-1}>
          {route.kind === 'home' ? (
            <HomePage />
          ) : chapter ? (
            <ChapterPage key={chapter.slug} chapter={chapter} onSections={reportSections} />
          ) : bookPage ? (
            <BookPageView key={bookPage.slug} page={bookPage} onSections={reportSections} />
          ) : printBook ? (
            <PrintBookPage />
          ) : (
            <NotFoundPage path={pathname} />
          )}
        </main>
      </div>
      <UpdateNotice />
    </MDXProvider>
  );
}
