/**
 * One delegated click listener that turns plain `<a href>` clicks on same-site book pages into
 * client-side navigations, so links in the sidebar, the TOC and chapter prose need no special
 * component. Everything else (new tab, downloads, other sites, assets, in-page #anchors) is
 * left to the browser.
 */
import { navigate } from './router';

interface ClickLike {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

interface AnchorLike {
  href: string;
  target: string;
  hasDownload: boolean;
}

/** The URL to navigate to in-app, or null when the browser should handle the click. */
export function inAppTarget(click: ClickLike, anchor: AnchorLike, current: URL, base: string): URL | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if (anchor.hasDownload || (anchor.target !== '' && anchor.target !== '_self')) return null;
  let url: URL;
  try {
    url = new URL(anchor.href, current);
  } catch {
    return null;
  }
  if (url.origin !== current.origin) return null;
  if (!(url.pathname + '/').startsWith(base)) return null;
  // Files (images, PDFs, weights) are not pages; `.html` is.
  if (/\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.endsWith('.html')) return null;
  // Same page, only the #fragment differs: native scrolling and history are right.
  if (url.pathname === current.pathname && url.search === current.search && url.hash !== '') return null;
  return url;
}

export function interceptLinkClicks(base: string): () => void {
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    // data-reload: a page that must load from its prerendered HTML (the whole-book print page).
    if (!anchor || anchor.hasAttribute('data-reload')) return;
    const target = inAppTarget(
      event,
      { href: anchor.href, target: anchor.target, hasDownload: anchor.hasAttribute('download') },
      new URL(window.location.href),
      base,
    );
    if (!target) return;
    event.preventDefault();
    navigate(target.href);
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
