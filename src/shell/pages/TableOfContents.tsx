/** The chapter list from chapters/manifest.json: number, title, blurb, link. */
import { chapters } from '../manifest';
import { chapterPath } from '../router';

export function TableOfContents({ headingId = 'contents' }: { headingId?: string }) {
  return (
    <section className="toc" aria-labelledby={headingId}>
      <h2 id={headingId}>Contents</h2>
      {chapters.length === 0 ? (
        <p className="muted">The first chapters are being written. Check back soon.</p>
      ) : (
        <ol className="toc-list">
          {chapters.map((chapter) => (
            <li key={chapter.slug} className="toc-item">
              <a href={chapterPath(chapter.slug)} className="toc-link">
                <span className="toc-number">{chapter.number}</span>
                <span className="toc-title">{chapter.title}</span>
              </a>
              <p className="toc-blurb">{chapter.blurb}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
