/** `<Figure id="gmm-fit" caption="…">…</Figure>`: a numbered figure ("Figure 2.1"), anchor #fig-<id>. */
import type { ReactNode } from 'react';
import { anchorFor, qualifiedNumber } from './numbering';
import { useChapter } from './ChapterContext';

export function Figure({
  id,
  number,
  caption,
  children,
}: {
  id: string;
  number?: string;
  caption?: ReactNode;
  children?: ReactNode;
}) {
  const chapter = useChapter();
  return (
    <figure className="figure" id={anchorFor('Figure', id, number ?? id)}>
      <div className="figure-body">{children}</div>
      <figcaption>
        <span className="figure-label">Figure {qualifiedNumber(chapter.number, number)}.</span> {caption}
      </figcaption>
    </figure>
  );
}
