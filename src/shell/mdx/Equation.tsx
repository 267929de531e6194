/**
 * Numbered display equations and references to them. Numbers are assigned at build time by
 * scripts/mdx/remarkNumbering.ts (the `number` prop); the chapter number comes from the manifest.
 *
 *   <Equation id="elbo">$$ … $$</Equation>   →  the equation with "(2.3)" at the right, anchor #eq-elbo
 *   <EqRef id="elbo" />                      →  a link "(2.3)"
 *   <Ref id="gmm-fit" />                     →  a link "Figure 2.1" (any numbered element)
 */
import type { ReactNode } from 'react';
import { anchorFor, isNumberedKind, numberedKinds, qualifiedNumber } from './numbering';
import { useChapter } from './ChapterContext';
import { ErrorNote } from './ErrorNote';

export function Equation({ id, number, children }: { id: string; number?: string; children: ReactNode }) {
  const chapter = useChapter();
  const label = qualifiedNumber(chapter.number, number);
  return (
    <div className="equation" id={anchorFor('Equation', id, number ?? id)}>
      {/* Focusable because it scrolls sideways when the formula is wider than the page. */}
      <div className="equation-body" tabIndex={0} role="group" aria-label={`Equation ${label}`}>
        {children}
      </div>
      <a className="equation-number" href={`#${anchorFor('Equation', id, number ?? id)}`} aria-label={`Equation ${label}`}>
        {`(${label})`}
      </a>
    </div>
  );
}

export function EqRef({ id, number }: { id: string; number?: string }) {
  const chapter = useChapter();
  if (number === undefined) return <ErrorNote inline>Unresolved equation reference “{id}”</ErrorNote>;
  return (
    <a className="eqref" href={`#${anchorFor('Equation', id, number)}`}>
      {`(${qualifiedNumber(chapter.number, number)})`}
    </a>
  );
}

export function Ref({ id, number, kind }: { id: string; number?: string; kind?: string }) {
  const chapter = useChapter();
  if (number === undefined || kind === undefined || !isNumberedKind(kind)) {
    return <ErrorNote inline>Unresolved reference “{id}”</ErrorNote>;
  }
  const label = qualifiedNumber(chapter.number, number);
  return (
    <a className="xref" href={`#${anchorFor(kind, id, number)}`}>
      {kind === 'Equation' ? `(${label})` : `${numberedKinds[kind].label} ${label}`}
    </a>
  );
}
