/**
 * The search dialog: a modal <dialog> holding a combobox (the query) and a listbox (results),
 * the WAI-ARIA combobox pattern. ↑/↓ move through results, Enter opens one, Esc closes and
 * focus returns to where it was. The index (MiniSearch's JSON, built from the chapters at build
 * time) is loaded with this chunk's first use; it is precached, so search works offline.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { INDEX_OPTIONS, SEARCH_OPTIONS, type SearchSection } from './indexConfig';
import { openResult } from './openResult';
import { snippet } from './snippet';
import './search.css';

const MAX_RESULTS = 20;

type Hit = SearchResult & Pick<SearchSection, 'slug' | 'anchor' | 'heading' | 'page' | 'text'>;

let indexPromise: Promise<MiniSearch<SearchSection>> | null = null;

function loadIndex(): Promise<MiniSearch<SearchSection>> {
  indexPromise ??= import('virtual:search-index').then((m) => MiniSearch.loadJS<SearchSection>(m.default, INDEX_OPTIONS));
  return indexPromise;
}

export default function SearchDialog({ open, onClose }: { open: boolean; onClose: (restoreFocus: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [index, setIndex] = useState<MiniSearch<SearchSection> | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (i: number) => `${id}-result-${i}`;

  useEffect(() => {
    let live = true;
    loadIndex().then(
      (loaded) => live && setIndex(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      input.current?.select();
    } else if (!open && el.open) el.close();
  }, [open]);

  const hits = useMemo<Hit[]>(() => {
    const q = query.trim();
    if (!index || q === '') return [];
    return index.search(q, SEARCH_OPTIONS).slice(0, MAX_RESULTS) as Hit[];
  }, [index, query]);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    onClose(false);
    openResult(hit.slug, hit.anchor);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + hits.length) % hits.length);
    } else if (event.key === 'Escape') {
      // A search field's own Esc would only clear the text: Esc closes the dialog.
      event.preventDefault();
      onClose(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(hits[active]);
    }
  };

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // optionId depends only on the stable useId value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, hits]);

  const status = failed
    ? 'The search index could not be loaded.'
    : !index
      ? 'Loading the search index…'
      : query.trim() === ''
        ? 'Type to search every chapter and the notation page.'
        : hits.length === 0
          ? `No section matches “${query.trim()}”.`
          : `${hits.length}${hits.length === MAX_RESULTS ? '+' : ''} result${hits.length === 1 ? '' : 's'}. Use ↑ and ↓ to choose, Enter to open.`;

  return (
    <dialog
      ref={dialog}
      className="search-dialog"
      aria-labelledby={`${id}-label`}
      // Esc (the dialog's cancel) and the close button: focus goes back where it was.
      onClose={() => open && onClose(true)}
      onClick={(event) => {
        if (event.target === dialog.current) onClose(true); // a click on the backdrop
      }}
    >
      <div className="search-box">
        <label id={`${id}-label`} htmlFor={`${id}-input`} className="search-label">
          Search the book
        </label>
        <div className="search-field">
          <input
            ref={input}
            id={`${id}-input`}
            type="search"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder="ELBO, Robbins–Monro, posterior collapse…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="search-close" onClick={() => onClose(true)}>
            Close
          </button>
        </div>
        <p className="search-status" role="status">
          {status}
        </p>
      </div>
      <ul id={listId} role="listbox" aria-label="Search results" className="search-results">
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            data-href={`${hit.slug}#${hit.anchor}`}
            className="search-result"
            onClick={() => choose(hit)}
            onPointerMove={() => i !== active && setActive(i)}
          >
            <span className="search-result-page">{hit.page}</span>
            <span className="search-result-heading">{hit.heading}</span>
            <span className="search-result-snippet">
              {snippet(hit.text, hit.terms).map((part, k) => (part.mark ? <mark key={k}>{part.text}</mark> : <span key={k}>{part.text}</span>))}
            </span>
          </li>
        ))}
      </ul>
    </dialog>
  );
}
