/**
 * `<Cite id="dempster1977" />` → "(Dempster et al., 1977)" linking to the chapter's bibliography;
 * `<Cite id="kingma2014, rezende2014" />` cites several works at once. `<References />` lists the
 * works cited in this chapter in order of first citation (the build passes the `keys` prop).
 * An unknown key fails the build; here it also renders a visible error.
 */
import { createContext, Fragment, Suspense, use, useContext } from 'react';
import { referenceAnchor } from './numbering';
import { authorList, citationLabel, parseKeys, type Bibliography } from './citations';
import { settledPromise } from '../settledPromise';
import { ErrorNote } from './ErrorNote';

/** A bibliography that replaces the book's (tests supply their own). */
export const BibliographyContext = createContext<Bibliography | null>(null);

let loading: Promise<Bibliography> | undefined;

/** Starts loading chapters/references.json; chapter pages call it early so citations do not wait. */
export function loadBibliography(): Promise<Bibliography> {
  loading ??= settledPromise(import('./bibliography').then((m) => m.bookReferences));
  return loading;
}

function useBibliography(): Bibliography {
  const override = useContext(BibliographyContext);
  // Always use() the one shared promise (see Computed.tsx): skipping it once the data is cached
  // makes React report a conditional use() after a suspended render.
  return override ?? use(loadBibliography());
}

export function Cite({ id }: { id: string }) {
  return (
    <Suspense fallback={<span className="citation">({id})</span>}>
      <Citation id={id} />
    </Suspense>
  );
}

function Citation({ id }: { id: string }) {
  const references = useBibliography();
  const keys = parseKeys(id);
  const unknown = keys.filter((key) => !Object.prototype.hasOwnProperty.call(references, key));
  if (keys.length === 0 || unknown.length > 0) {
    return <ErrorNote inline>Unknown citation “{unknown.join(', ') || id}” (add it to chapters/references.json)</ErrorNote>;
  }
  return (
    <span className="citation">
      (
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 ? '; ' : null}
          <a href={`#${referenceAnchor(key)}`}>{citationLabel(references[key])}</a>
        </Fragment>
      ))}
      )
    </span>
  );
}

export function References(props: { keys?: string; title?: string }) {
  return (
    <Suspense fallback={<p className="loading">Loading references…</p>}>
      <ReferenceList {...props} />
    </Suspense>
  );
}

function ReferenceList({ keys, title = 'References' }: { keys?: string; title?: string }) {
  const references = useBibliography();
  const cited = parseKeys(keys);
  if (keys === undefined) return <ErrorNote>References were not collected at build time (is the MDX pipeline configured?)</ErrorNote>;
  return (
    <section className="references" aria-labelledby="references">
      <h2 id="references">{title}</h2>
      {cited.length === 0 ? (
        <p className="muted">This chapter cites no works.</p>
      ) : (
        <ol className="reference-list">
          {cited.map((key) => {
            const ref = Object.prototype.hasOwnProperty.call(references, key) ? references[key] : undefined;
            if (!ref) return <li key={key}><ErrorNote inline>Unknown citation “{key}”</ErrorNote></li>;
            return (
              <li key={key} id={referenceAnchor(key)}>
                {authorList(ref.authors)} ({ref.year}). {ref.url ? <a href={ref.url}>{ref.title}</a> : ref.title}.{' '}
                <em>{ref.venue}</em>.
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
