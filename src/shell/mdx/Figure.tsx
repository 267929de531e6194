/**
 * `<Figure id="gmm-fit" caption="…">…</Figure>`: a numbered figure ("Figure 2.1"), anchor #fig-<id>.
 * A caption with math or links goes in a `<Caption>` child instead of the prop:
 *   <Figure id="gmm-fit"><Widget … /><Caption>EM with $k = 3$ components.</Caption></Figure>
 */
import { Children, isValidElement, type ReactNode } from 'react';
import { anchorFor, qualifiedNumber } from './numbering';
import { useChapter } from './ChapterContext';

export function Caption({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

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
  const body: ReactNode[] = [];
  const captions: ReactNode[] = [];
  Children.forEach(children, (child) => {
    if (isValidElement(child) && child.type === Caption) captions.push(child);
    else body.push(child);
  });
  return (
    <figure className="figure" id={anchorFor('Figure', id, number ?? id)}>
      <div className="figure-body">{body}</div>
      <figcaption>
        <span className="figure-label">{`Figure ${qualifiedNumber(chapter.number, number)}.`}</span> {caption}
        {caption !== undefined && captions.length > 0 ? ' ' : null}
        {captions}
      </figcaption>
    </figure>
  );
}
