/**
 * Opens a search result: its page at its heading. Another page is a client-side navigation
 * (the page scrolls to the #hash once its chapter has loaded); the same page just moves to the
 * heading. Either way keyboard focus lands on the heading, so reading goes on from there.
 */
import { chapterPath, navigate } from '../router';

export function resultHref(slug: string, anchor: string): string {
  return `${chapterPath(slug)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** Focuses the element with this id once it exists (the chapter chunk may still be loading). */
function focusWhenPresent(id: string, timeoutMs = 15_000): void {
  const started = performance.now();
  const attempt = () => {
    const target = id ? document.getElementById(id) : document.querySelector('main h1');
    if (!target) {
      if (performance.now() - started < timeoutMs) requestAnimationFrame(attempt);
      return;
    }
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView();
    (target as HTMLElement).focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}

export function openResult(slug: string, anchor: string): void {
  const href = resultHref(slug, anchor);
  const url = new URL(href, window.location.href);
  if (url.pathname === window.location.pathname) window.history.pushState(null, '', url);
  else navigate(url.href);
  focusWhenPresent(anchor);
}
