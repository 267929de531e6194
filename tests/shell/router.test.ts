import { describe, expect, it } from 'vitest';
import { inAppTarget } from '../../src/shell/linkClicks';
import { chapterPath, homePath, normalizeBase, parseRoute } from '../../src/shell/router';

describe('parseRoute', () => {
  it.each(['/', '/book/'])('maps home, chapters and unknown paths under base %s', (base) => {
    expect(parseRoute(base, base)).toEqual({ kind: 'home' });
    expect(parseRoute(`${base}index.html`, base)).toEqual({ kind: 'home' });
    expect(parseRoute(`${base}em-basics/`, base)).toEqual({ kind: 'chapter', slug: 'em-basics' });
    expect(parseRoute(`${base}em-basics`, base)).toEqual({ kind: 'chapter', slug: 'em-basics' });
    expect(parseRoute(`${base}em-basics/index.html`, base)).toEqual({ kind: 'chapter', slug: 'em-basics' });
    expect(parseRoute(`${base}em-basics/extra/`, base).kind).toBe('not-found');
    expect(parseRoute(`${base}Bad_Slug/`, base).kind).toBe('not-found');
  });

  it('treats the base without its trailing slash as home, and paths outside the base as not found', () => {
    expect(parseRoute('/book', '/book/')).toEqual({ kind: 'home' });
    expect(parseRoute('/other/em-basics/', '/book/')).toEqual({ kind: 'not-found', path: '/other/em-basics/' });
    expect(parseRoute('/bookish/', '/book/').kind).toBe('not-found');
  });

  it('builds paths that parse back to the same route', () => {
    for (const base of ['/', '/book/', 'book', '/deep/sub/path']) {
      expect(parseRoute(homePath(base), base)).toEqual({ kind: 'home' });
      expect(chapterPath('vae', base)).toBe(`${normalizeBase(base)}vae/`);
      expect(parseRoute(chapterPath('vae', base), base)).toEqual({ kind: 'chapter', slug: 'vae' });
    }
  });
});

describe('inAppTarget (which link clicks the router takes over)', () => {
  const plain = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
  const anchor = (href: string, extra: Partial<{ target: string; hasDownload: boolean }> = {}) => ({
    href,
    target: '',
    hasDownload: false,
    ...extra,
  });
  const here = new URL('https://example.org/book/em-basics/?ch2-em.k=3');
  const base = '/book/';

  it('navigates in-app to other pages of the book, keeping their query strings', () => {
    expect(inAppTarget(plain, anchor('/book/vae/'), here, base)?.pathname).toBe('/book/vae/');
    expect(inAppTarget(plain, anchor('../vae/?vae.beta=2'), here, base)?.search).toBe('?vae.beta=2');
    expect(inAppTarget(plain, anchor('/book/'), here, base)?.pathname).toBe('/book/');
    expect(inAppTarget(plain, anchor('/book/vae/#eq-elbo'), here, base)?.hash).toBe('#eq-elbo');
    // target="_self" is the same window: still in-app
    expect(inAppTarget(plain, anchor('/book/vae/', { target: '_self' }), here, base)?.pathname).toBe('/book/vae/');
  });

  it('leaves the browser in charge of everything else', () => {
    expect(inAppTarget(plain, anchor('#eq-elbo'), here, base)).toBeNull();
    expect(inAppTarget(plain, anchor('https://arxiv.org/abs/1312.6114'), here, base)).toBeNull();
    expect(inAppTarget(plain, anchor('/elsewhere/'), here, base)).toBeNull();
    expect(inAppTarget(plain, anchor('/book/mnist/train.bin'), here, base)).toBeNull();
    expect(inAppTarget(plain, anchor('/book/vae/', { target: '_blank' }), here, base)).toBeNull();
    expect(inAppTarget(plain, anchor('/book/vae/', { hasDownload: true }), here, base)).toBeNull();
    // every modifier opens a tab or window, a download, or a menu: each one alone hands the click back
    for (const key of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey'] as const) {
      expect(inAppTarget({ ...plain, [key]: true }, anchor('/book/vae/'), here, base)).toBeNull();
    }
    expect(inAppTarget({ ...plain, button: 1 }, anchor('/book/vae/'), here, base)).toBeNull();
    expect(inAppTarget({ ...plain, defaultPrevented: true }, anchor('/book/vae/'), here, base)).toBeNull();
  });
});
