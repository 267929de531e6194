/** Previous/next links at the end of a chapter, in manifest order. */
import type { ChapterEntry } from '../manifest';
import { chapterPath, homePath } from '../router';

export function ChapterNav({ previous, next }: { previous?: ChapterEntry; next?: ChapterEntry }) {
  return (
    <nav className="chapter-nav" aria-label="Previous and next chapter">
      {previous ? (
        <a className="chapter-nav-link previous" href={chapterPath(previous.slug)} rel="prev">
          <span className="chapter-nav-direction">← Previous</span>
          <span className="chapter-nav-title">
            {previous.number}. {previous.title}
          </span>
        </a>
      ) : (
        <a className="chapter-nav-link previous" href={homePath()}>
          <span className="chapter-nav-direction">← Front page</span>
          <span className="chapter-nav-title">Contents</span>
        </a>
      )}
      {next ? (
        <a className="chapter-nav-link next" href={chapterPath(next.slug)} rel="next">
          <span className="chapter-nav-direction">Next →</span>
          <span className="chapter-nav-title">
            {next.number}. {next.title}
          </span>
        </a>
      ) : null}
    </nav>
  );
}
