import { describe, expect, it } from 'vitest';
import { prerenderedPages, withoutPrerenderedRoot, withPrerenderedRoot } from '../../../scripts/site/prerender';

const shell = `<!doctype html><html><head><title>T</title><script>theme()</script></head><body>
    <div id="root"></div>
    <noscript>This interactive book needs JavaScript to show its chapters and figures.</noscript>
    <script type="module" src="/assets/index.js"></script>
  </body></html>`;

describe('prerendered pages', () => {
  it('puts the app into the root, marks it for hydration and drops the "needs JavaScript" note', () => {
    const html = withPrerenderedRoot(shell, '<main><h1>Chapter</h1><div><p>Text</p></div></main>');
    expect(html).toContain('<div id="root" data-prerendered=""><main><h1>Chapter</h1><div><p>Text</p></div></main></div>');
    expect(html).not.toContain('needs JavaScript');
    expect(html).toContain('<script>theme()</script>');
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>');
  });

  it('inserts the rendered text literally ($ patterns are not replacement patterns)', () => {
    expect(withPrerenderedRoot(shell, "<p>$' and $&amp;</p>")).toContain(`data-prerendered=""><p>$' and $&amp;</p></div>`);
  });

  it('refuses HTML with a script or an unfinished Suspense boundary, and a page without an empty root', () => {
    expect(() => withPrerenderedRoot(shell, '<p>x</p><script>$RC("B:0","S:0")</script>')).toThrow(/script/);
    expect(() => withPrerenderedRoot(shell, '<!--$?--><template id="B:0"></template><!--/$-->')).toThrow(/Suspense/);
    expect(() => withPrerenderedRoot(shell, '<!--$!--><p>fallback</p><!--/$-->')).toThrow(/Suspense/);
    expect(() => withPrerenderedRoot(withPrerenderedRoot(shell, '<p>x</p>'), '<p>y</p>')).toThrow(/empty/);
  });

  it('withoutPrerenderedRoot gives back the empty shell (without the note), content with nested divs included', () => {
    const html = withPrerenderedRoot(shell, '<div><div>a</div></div><div>b</div>');
    const bare = withoutPrerenderedRoot(html);
    expect(bare).toContain('<div id="root"></div>');
    expect(bare).not.toContain('>a<');
    expect(bare).not.toContain('>b<');
    expect(bare).toContain('<script type="module" src="/assets/index.js"></script>');
    expect(withoutPrerenderedRoot(shell)).toBe(shell);
  });

  it('lists the front page and each slug at its path under the base', () => {
    expect(prerenderedPages('/book/', ['em', 'print'])).toEqual([
      { file: 'index.html', pathname: '/book/' },
      { file: 'em/index.html', pathname: '/book/em/' },
      { file: 'print/index.html', pathname: '/book/print/' },
    ]);
  });
});
