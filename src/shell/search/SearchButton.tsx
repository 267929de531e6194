/**
 * The header's search button and the `/` shortcut. The dialog, MiniSearch and the index are
 * chunks of their own, loaded on first use (or when the pointer or focus reaches the button),
 * so search costs the initial bundle only this file. A request made before hydration (noted by
 * index.html's inline script, ./earlySearch.ts) opens the dialog as soon as the button is live.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { takeEarlySearch } from './earlySearch';

const loadDialog = () => import('./SearchDialog');
const SearchDialog = lazy(loadDialog);

/** True when a key typed here is text for a field, not a shortcut. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

export function SearchButton() {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setUsed(true);
    setOpen(true);
  }, []);

  const close = useCallback((restoreFocus: boolean) => {
    setOpen(false);
    if (restoreFocus && returnFocus.current?.isConnected) returnFocus.current.focus();
  }, []);

  useEffect(() => {
    if (takeEarlySearch()) show();
  }, [show]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isEditable(event.target)) return;
      event.preventDefault();
      show();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [show]);

  return (
    <>
      <button
        type="button"
        className="icon-button search-button"
        aria-label="Search the book"
        aria-keyshortcuts="/"
        aria-haspopup="dialog"
        title="Search the book (/)"
        onClick={show}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <circle cx="10.5" cy="10.5" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15 15l5 5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      {used ? (
        <Suspense fallback={null}>
          <SearchDialog open={open} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
